using System.Text;
using System.Text.Json;
using AuditBridge.Events;
using AuditBridge.Sources.Box;
using AuditBridge.Sources.Dashlane;
using AuditBridge.Sources.Dropbox;

namespace AuditBridge.Connectors.Tests.Sources.Poison;

/// <summary>
/// Strings that are valid JSON but have no text (an escaped lone surrogate) or are not UTF-8, in the places a review
/// found them to throw out of a mapper and stop a source for good: each maps, and the value stays visible as written.
/// </summary>
public sealed class HostileStringMappingTests
{
    private static readonly DashlaneEventMapper Dashlane = new("acme-dashlane", static (_, _) => 3, DashlaneLogTypes.BuiltIn);
    private static readonly BoxEventMapper Box = new("acme-box", static (_, _) => 3);
    private static readonly DropboxEventMapper Dropbox = new("acme-dropbox", static (_, _) => 3);

    [Fact]
    public void Dashlane_DeviceNameWithALoneSurrogate_DescribesTheDeviceAsWritten()
    {
        // The reproduction, byte for byte.
        var mapped = MapDashlane("""{"uuid":"11111111-0000-4000-8000-000000000001","team_id":2048731,"category":"authentication","log_type":"user_device_added","date_time":1719017460761,"properties":{"author_login":"eve@northwind.example","device_name":"Eve\ud800PC"},"author_user_id":77120009,"schema_version":"1.0.0"}""");

        Assert.Equal("Added the device Eve\\ud800PC", mapped.Description);
        Assert.Equal(new EventObject("device", "Eve\\ud800PC"), Assert.Single(mapped.Objects));
        Assert.Equal("""{"author_login":"eve@northwind.example","device_name":"Eve\ud800PC"}""", Section(mapped, "details"));
    }

    [Fact]
    public void Dashlane_TeamAndAuthorIdsAsStringsWithALoneSurrogate_AreCopiedIntoTheSectionsAsWritten()
    {
        var mapped = MapDashlane("""{"uuid":"u-2","team_id":"t\ud800","category":"authentication","log_type":"user_device_added","date_time":1719017460761,"author_user_id":"a\udc00"}""");

        Assert.Equal(new Principal(PrincipalKind.User, "a\\udc00"), mapped.Actor);
        Assert.Equal("""{"author_user_id":"a\udc00"}""", Section(mapped, "actor"));
        Assert.Equal("""{"team_id":"t\ud800"}""", Section(mapped, "context"));
    }

    [Fact]
    public void Dashlane_PropertiesWithAMemberNameWithoutText_StillReadTheOtherMembers()
    {
        var mapped = MapDashlane("""{"uuid":"u-3","category":"authentication","log_type":"user_device_added","date_time":1719017460761,"properties":{"\ud800 a name longer than any the mapper asks for":1,"author_login":"eve@northwind.example","device_name":"Laptop"}}""");

        Assert.Equal("Added the device Laptop", mapped.Description);
        Assert.Equal("eve@northwind.example", mapped.Actor?.Email);
    }

    [Fact]
    public void Box_IpAddressAndSessionIdWithALoneSurrogate_AreCopiedIntoTheOriginAsWritten()
    {
        var mapped = Box.Map(Parse("""{"event_id":"e-1","event_type":"LOGIN","created_at":"2024-05-03T10:41:07-07:00","ip_address":"203.0.113.4\ud800","session_id":"s\udfff"}"""));

        Assert.Null(mapped.Ip);
        Assert.Equal("""{"ip_address":"203.0.113.4\ud800","session_id":"s\udfff"}""", Section(mapped, "origin"));
    }

    [Fact]
    public void Box_UserObjectTypeWithALoneSurrogate_IsNoUserObjectAndDoesNotStopTheMapping()
    {
        var mapped = Box.Map(Parse("""{"event_id":"e-2","event_type":"LOGIN","created_at":"2024-05-03T10:41:07Z","created_by":{"type":"\ud800ser","id":"33","name":"Eve","login":"eve@northwind.example"}}"""));

        Assert.Equal(new Principal(PrincipalKind.User, "33", "eve@northwind.example", "Eve"), mapped.Actor);
        Assert.Contains("eve@northwind.example", mapped.Indicators);
        Assert.DoesNotContain("Eve", mapped.Indicators);
    }

    [Fact]
    public void Box_AdditionalDetailsAsAJsonStringHoldingALoneSurrogate_IsDecodedAndKeptAsWritten()
    {
        var mapped = Box.Map(Parse("""{"event_id":"e-3","event_type":"UPLOAD","created_at":"2024-05-03T10:41:07Z","additional_details":"{\"note\":\"bad \\ud800 text\",\"by\":\"eve@northwind.example\"}"}"""));

        Assert.Equal("""{"note":"bad \ud800 text","by":"eve@northwind.example"}""", Section(mapped, "details"));
        Assert.Contains("eve@northwind.example", mapped.Indicators);
    }

    [Fact]
    public void Dropbox_ASectionThatIsNotCompactAndHoldsALoneSurrogate_IsCompactedAsWritten()
    {
        var mapped = Dropbox.Map(Parse("""
            {"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"logins"},"event_type":{".tag":"login_success","description":"Signed in"},
             "details": { ".tag": "login_success_details", "note": "x\ud800y" }}
            """));

        Assert.Equal("""{".tag":"login_success_details","note":"x\ud800y"}""", Section(mapped, "details"));
    }

    // System.Text.Json only decodes a name that could be as long as the one asked for, so the hostile names are long.
    [Fact]
    public void Dropbox_AnEventWithAMemberNameWithoutText_IsValidAndMaps()
    {
        var element = Parse("""{"\udc00 a name longer than any the mapper asks for":true,"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"logins"},"event_type":{".tag":"login_success"},"actor":{".tag":"user","user":{"\ud800 a name longer than any the mapper asks for":1,"email":"eve@northwind.example"}}}""");

        Assert.Null(DropboxPage.Check(element));
        var mapped = Dropbox.Map(element);

        Assert.Equal("login_success", mapped.Action);
        Assert.Equal("eve@northwind.example", mapped.Actor?.Email);
    }

    [Fact]
    public void Dropbox_StringBytesThatAreNotUtf8_ReadAsReplacementCharacters()
    {
        var json = Encoding.UTF8.GetBytes("""{"timestamp":"2024-05-03T10:41:07Z","event_category":{".tag":"logins"},"event_type":{".tag":"login_success","description":"Signed in XX"}}""");
        var at = Encoding.UTF8.GetString(json).IndexOf("XX", StringComparison.Ordinal);
        json[at] = 0xFF;
        json[at + 1] = 0xFE;

        var mapped = Dropbox.Map(Parse(json));

        Assert.Equal("Signed in \uFFFD\uFFFD", mapped.Description);
    }

    private static AuditEvent MapDashlane(string json)
    {
        using var line = DashlaneLogLine.Parse(Encoding.UTF8.GetBytes(json));
        return Dashlane.Map(line);
    }

    private static JsonElement Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static JsonElement Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static string Section(AuditEvent mapped, string name) =>
        Encoding.UTF8.GetString(mapped.Sections.Single(s => s.Name == name).Json.Span);
}
