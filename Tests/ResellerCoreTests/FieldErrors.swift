import Foundation
import Testing
@testable import ResellerCore

/// Runs `body` and returns the field errors it threw; fails the test when it did not throw a ServiceError.
func fieldErrors(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> [FieldError] {
    do {
        try body()
        Issue.record("expected a ServiceError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let e as ServiceError {
        return e.fieldErrors
    } catch {
        Issue.record("expected a ServiceError, got \(error)", sourceLocation: sourceLocation)
    }
    return []
}

func fields(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> Set<String> {
    Set(fieldErrors(body, sourceLocation: sourceLocation).map(\.field))
}

/// The messages of the field errors `body` threw.
func messages(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> [String] {
    fieldErrors(body, sourceLocation: sourceLocation).map(\.message)
}
