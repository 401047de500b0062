extension UnsafeBufferPointer<UInt8> {
    /// The unsigned decimal number the ASCII digits at `range` spell; nil when one is not a digit. For the stored
    /// forms read on every row (a day, an instant), where Int(String) would allocate.
    func decimal(_ range: Range<Int>) -> Int? {
        var value = 0
        for i in range {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self[i]) else { return nil }
            value = value * 10 + Int(self[i] - UInt8(ascii: "0"))
        }
        return value
    }
}
