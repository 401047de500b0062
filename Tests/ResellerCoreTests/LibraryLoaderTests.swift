import CLoader
import Testing

/// The one way libpq, libssl, cairo and pango are opened on first use: what is missing is said in one sentence
/// that names the Debian package to install, or the function an older library lacks.
@Suite struct LibraryLoaderTests {
    @Test func aMissingLibraryNamesItsPackage() {
        var loader = rd_loader()
        let library = rd_open(&loader, "libresellerdesk-absent.so.9", "libresellerdesk-absent9", "PDF export")
        #expect(library == nil)
        let said = withUnsafeBytes(of: loader.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        #expect(said.hasPrefix("PDF export needs libresellerdesk-absent.so.9 (Debian: libresellerdesk-absent9): "),
                "\(said)")
        #expect(said.contains("cannot open shared object file"), "dlerror's reason: \(said)")
    }

    @Test func aFunctionTheLibraryLacksIsNamed() throws {
        var loader = rd_loader()
        let library = try #require(rd_open(&loader, "libc.so.6", "libc6", "the tests"))
        #expect(rd_symbol(&loader, library, "libc.so.6", "strlen", "glibc") != nil)
        #expect(loader.error.0 == 0)
        #expect(rd_symbol(&loader, library, "libc.so.6", "rd_no_such_function", "glibc 9 or later is needed") == nil)
        let said = withUnsafeBytes(of: loader.error) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        #expect(said == "libc.so.6 lacks rd_no_such_function (glibc 9 or later is needed)")
    }
}
