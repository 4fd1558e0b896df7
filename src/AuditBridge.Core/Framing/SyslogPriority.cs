using System.Globalization;

namespace AuditBridge.Framing;

/// <summary>The syslog PRI value and the names and mappings behind it.</summary>
public static class SyslogPriority
{
    // Index = facility code. Names follow the RFC 5424 table and util-linux logger; 13..15 have no common name.
    private static readonly string[] FacilityNames =
    [
        "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
        "ntp", "audit", "alert", "clock",
        "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
    ];

    /// <summary>
    /// Maps an event's severity (the CEF scale, 0..10) to a syslog severity, following the CEF bands
    /// (reference cef-syslog.md §2.6): 0–3 (Low) → <see cref="SyslogSeverity.Informational"/>,
    /// 4–6 (Medium) → <see cref="SyslogSeverity.Warning"/>, 7–8 (High) → <see cref="SyslogSeverity.Error"/>,
    /// 9–10 (Very-High) → <see cref="SyslogSeverity.Critical"/>.
    /// </summary>
    /// <remarks>
    /// Out-of-range values are clamped (below 0 is informational, above 10 critical) rather than rejected: the
    /// severity policy owns the range, and a transport must not drop an event over it. Emergency and alert are
    /// never used: they page the receiving host's operators about the host itself.
    /// </remarks>
    public static SyslogSeverity FromEventSeverity(int eventSeverity) => eventSeverity switch
    {
        <= 3 => SyslogSeverity.Informational,
        <= 6 => SyslogSeverity.Warning,
        <= 8 => SyslogSeverity.Error,
        _ => SyslogSeverity.Critical,
    };

    /// <summary>The PRI value: facility × 8 + severity, 0..191.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined facility or severity.</exception>
    public static int Compute(SyslogFacility facility, SyslogSeverity severity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan((int)facility, 0, nameof(facility));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((int)facility, 23, nameof(facility));
        ArgumentOutOfRangeException.ThrowIfLessThan((int)severity, 0, nameof(severity));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((int)severity, 7, nameof(severity));
        return ((int)facility * 8) + (int)severity;
    }

    /// <summary>The lower-case name of a facility (<c>local4</c>), as accepted by <see cref="ParseFacility"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="facility"/> is not a defined value.</exception>
    public static string GetFacilityName(SyslogFacility facility)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan((int)facility, 0, nameof(facility));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((int)facility, 23, nameof(facility));
        return FacilityNames[(int)facility];
    }

    /// <summary>
    /// Parses a facility from configuration: a name <c>kern</c> … <c>local7</c> (case-insensitive) or a number 0..23.
    /// </summary>
    /// <exception cref="FormatException">The text is neither; the message lists what is accepted.</exception>
    public static SyslogFacility ParseFacility(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (TryParseFacility(value, out var facility))
        {
            return facility;
        }

        throw new FormatException(
            $"Unknown syslog facility '{value}': use a number 0..23 or one of {string.Join(", ", FacilityNames)}.");
    }

    /// <summary>Parses a facility name or number; see <see cref="ParseFacility"/>.</summary>
    public static bool TryParseFacility(string? value, out SyslogFacility facility)
    {
        facility = default;
        var text = value.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return false;
        }

        if (char.IsAsciiDigit(text[0]))
        {
            if (text.Length <= 2
                && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                && code <= 23)
            {
                facility = (SyslogFacility)code;
                return true;
            }

            return false;
        }

        for (var code = 0; code < FacilityNames.Length; code++)
        {
            if (text.Equals(FacilityNames[code], StringComparison.OrdinalIgnoreCase))
            {
                facility = (SyslogFacility)code;
                return true;
            }
        }

        return false;
    }
}
