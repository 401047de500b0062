import Foundation
import ResellerCore
import Screens

/// The invoice view's `w`: an invoice's or a credit note's PDF and e-invoice written to a folder, and the
/// view then saying where.
extension TerminalApp {
    func push(_ dialog: WriteFilesDialog) { push(dialog, perform: TerminalApp.perform(writeFiles:)) }

    /// The folder the dialog opens on: the last one written to in this session, else ~/invoices.
    var filesFolderOffered: String { filesFolder ?? home + "/invoices" }

    /// What `~` stands for: $HOME, as in the shell the desk was started from (as the configuration reads it).
    private var home: String { ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory() }

    func perform(writeFiles effect: WriteFilesDialog.Effect) {
        guard let dialog = top(WriteFilesDialog.self) else { return }
        runDialog(effect, dialog) { (form) throws(ServiceError) in
            let folder = try form.path(home: home, current: FileManager.default.currentDirectoryPath)
            let number = dialog.context.number, staff = Actor.currentStaff()
            let files: [ExportedFile]
            do throws(ServiceError) {
                // Strict: both files are made before either is written, so a refusal writes nothing.
                files = try service.exportDocuments([number], formats: DocumentFormat.allCases, folder: folder,
                                                    strict: true, by: staff)
            } catch {
                throw WriteFilesDialog.refusal(error, folder: folder)
            }
            pop()
            filesFolder = folder
            updateTop(DocumentScreen.self) { $0.notify(WriteFilesDialog.wrote(files, to: folder)) }
        }
    }
}
