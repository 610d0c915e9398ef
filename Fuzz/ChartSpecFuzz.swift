import CountyData
import Foundation

// libFuzzer entry: any bytes as a chart spec must read or be refused with an error naming the file,
// never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChartSpec(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try ChartSpec.read(SpecNode.parse(text, file: "fuzz.yaml"), folder: "")
    } catch let e as DataError {
        precondition(e.location.file == "fuzz.yaml", "an error names another file: \(e)")
    } catch {}
    return 0
}
