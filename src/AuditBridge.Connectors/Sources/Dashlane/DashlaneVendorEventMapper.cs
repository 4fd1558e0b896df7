using System.Runtime.InteropServices;
using System.Text.Json;
using AuditBridge.Events;

namespace AuditBridge.Sources.Dashlane;

/// <summary>The Dashlane mapping behind <see cref="IVendorEventMapper"/>, for logs read by <c>convert</c>.</summary>
internal sealed class DashlaneVendorEventMapper(string sourceName, Func<string, string, int> severity) : IVendorEventMapper
{
    private readonly DashlaneEventMapper _mapper = new(sourceName, severity, DashlaneLogTypes.BuiltIn);

    public string Vendor => DashlaneSourceFactory.Type;

    public string? Validate(JsonElement vendorEvent)
    {
        try
        {
            using var line = DashlaneLogLine.Parse(JsonMarshal.GetRawUtf8Value(vendorEvent).ToArray());
            return null;
        }
        catch (DashlaneLineException invalid)
        {
            // The line parser's messages read "it is …" / "'date_time' is …"; the caller prefixes "it ".
            return invalid.Message.StartsWith("it ", StringComparison.Ordinal) ? invalid.Message[3..] : "has " + invalid.Message;
        }
    }

    public AuditEvent Map(JsonElement vendorEvent)
    {
        using var line = DashlaneLogLine.Parse(JsonMarshal.GetRawUtf8Value(vendorEvent).ToArray());
        return _mapper.Map(line);
    }
}
