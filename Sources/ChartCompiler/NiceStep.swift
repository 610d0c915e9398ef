import Foundation

/// The staircase of nice axis steps, 1, 2, 2.5 and 5 times a power of ten: the one definition
/// that `Ticks` and `DualAxis` climb.
enum NiceStep {
    static let multiples: [Double] = [1, 2, 2.5, 5]

    /// The smallest nice step at least `need` (> 0).
    static func atLeast(_ need: Double) -> Double {
        let magnitude = pow(10, log10(need).rounded(.down))
        for m in multiples where m * magnitude >= need * (1 - 1e-12) { return m * magnitude }
        return 10 * magnitude
    }

    /// The next nice step above `step`.
    static func after(_ step: Double) -> Double { atLeast(step * (1 + 1e-9)) }
}
