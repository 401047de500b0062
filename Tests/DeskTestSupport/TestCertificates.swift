import Foundation

/// Certificates for a TLS test server, made by Debian's openssl in the server's folder (removed with it): a CA, a
/// server certificate it signed for the name `localhost` only, and a second CA that signed nothing of the server's.
public struct TestCertificates: Sendable {
    public let folder: String
    /// The CA a client verifies the server with (`sslrootcert`).
    public var authority: String { folder + "/ca.crt" }
    /// A CA the server's certificate does not come from.
    public var stranger: String { folder + "/stranger.crt" }
    var serverCertificate: String { folder + "/server.crt" }
    var serverKey: String { folder + "/server.key" }

    init(in parent: String) throws {
        folder = parent + "/tls"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        for name in ["ca", "stranger"] {
            try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                              "-keyout", "\(name).key", "-out", "\(name).crt", "-days", "2",
                              "-subj", "/CN=ResellerDesk test \(name)",
                              "-addext", "basicConstraints=critical,CA:TRUE",
                              "-addext", "keyUsage=critical,keyCertSign"], in: folder)
        }
        try Self.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost",
                          "-addext", "subjectAltName=DNS:localhost"], in: folder)
        try Self.openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                          "-CAcreateserial", "-copy_extensions", "copyall", "-days", "2", "-out", "server.crt"],
                         in: folder)
    }

    private static func openssl(_ arguments: [String], in folder: String) throws {
        try PostgresProcess.run("/usr/bin/openssl", arguments, in: folder)
    }
}
