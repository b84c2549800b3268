extension ScheduleTimeZone {
    /// The SDK v1 Windows name of this zone (`W. Europe Standard Time`), as the SDK requires it in a
    /// v1 schedule's `Recurrence.TimeZone`: the canonical spelling when the zone was named by a
    /// Windows name or enum member, else the first Windows zone of the SDK table whose IANA zone is
    /// this one (`Europe/Berlin` → `W. Europe Standard Time`); nil when the SDK has no such zone.
    public var windowsName: String? {
        let lowered = name.lowercased()
        if let named = Self.windowsZones.first(where: { $0.windowsName.lowercased() == lowered || $0.member.lowercased() == lowered }) {
            return named.windowsName
        }
        if identifier == "UTC" || identifier == "GMT" { return "UTC" }
        return Self.windowsZones.first { $0.iana == identifier }?.windowsName
    }
}
