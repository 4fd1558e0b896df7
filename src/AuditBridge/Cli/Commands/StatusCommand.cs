using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditBridge.Cli.Terminal;
using AuditBridge.Shell;

namespace AuditBridge.Cli.Commands;

/// <summary><c>auditbridge status</c>: how every source and sink is doing, read from the journal (the daemon may be running).</summary>
internal static class StatusCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new UtcTimeConverter() },
    };

    public static Command Create(CliContext context)
    {
        var command = new Command("status", "Show per source (last poll, last success, newest event, lag, events today, quarantined events, last error) and per sink (position, backlog, records sent, last delivery, last error).");
        var config = DaemonConfigOption.Create();
        var json = new Option<bool>("--json") { Description = "One JSON document instead of tables." };
        command.Add(config);
        command.Add(json);
        command.SetAction((result, _) =>
            SharedJournal.UseExistingAsync(context, result.GetValue(config)!, async (loaded, journal) =>
            {
                var report = await loaded.ReadStatusAsync(journal, context.Time.GetUtcNow(), context.Termination);
                await context.Out.WriteAsync(result.GetValue(json) ? JsonSerializer.Serialize(report, Json) + "\n" : StatusTable.Render(report));
                return ExitCodes.Success;
            }));
        return command;
    }

}

/// <summary>Times in <c>status --json</c> as RFC 3339 UTC with a Z (<c>2026-12-02T07:41:05.123Z</c>), as in the logs and the table.</summary>
internal sealed class UtcTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
}

