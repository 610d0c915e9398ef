import CountyData
import Foundation

// libFuzzer entry: any bytes as an extraction mapping must read or be refused with a located error,
// never crash; every rule of a mapping that reads has an id.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMapping(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let mapping = try Mapping.parse(text, file: "fuzz.yaml")
        for rule in mapping.rules { precondition(!rule.id.isEmpty, "a rule without an id") }
    } catch let e as DataError {
        precondition(e.location.file == "fuzz.yaml", "an error names another file: \(e)")
    } catch {}
    return 0
}
