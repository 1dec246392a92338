import Foundation
import Testing
import TestSupport

@Test func projectRootHoldsThePackageManifest() {
    let manifest = ProjectPaths.root.appendingPathComponent("Package.swift")
    #expect(FileManager.default.fileExists(atPath: manifest.path))
}
