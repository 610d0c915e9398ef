import Foundation

// libFuzzer entry: any bytes, read as text, must either read as a figure or fail with a
// NumberReadError — never crash, hang or give a range whose ends run backwards.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumberReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let r = try? NumberReader.read(text) {
        if let lo = r.low, let hi = r.high { precondition(lo <= hi, "range runs backwards for \(text)") }
        precondition(r.value != nil || r.low != nil || r.parts != nil, "empty reading for \(text)")
    }
    _ = Period(text)
    _ = Unit(text)
    return 0
}
