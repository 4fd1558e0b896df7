using System.Globalization;
using System.Text.Json;
using AuditBridge.IO;
using AuditBridge.Shell;
using AuditBridge.Sources;

namespace AuditBridge.Cli.State;

/// <summary>
/// Reads and writes the <c>--state</c> file. Every save is atomic (a temporary file in the same directory, flushed to
/// disk, then renamed over the old one), so a crash leaves either the old or the new state, never half of one.
/// Files are created 0600: a cursor grants nothing, but event ids and filters are nobody else's business.
/// A sibling <c>.lock</c> file held for the whole run keeps two pulls from writing the same state.
/// </summary>
/// <remarks>
/// Nothing is written through a symbolic link (<see cref="NoFollowFile"/>): a state path that is a link is refused
/// unless <c>--follow-symlinks</c>, which makes the link's final target the state file (its lock and temporary files
/// go next to the target). The temporary file has an unpredictable name and is created exclusively, so a file or link
/// planted under a guessable name cannot be written through.
/// </remarks>
internal sealed class StateFileStore : IDisposable
{
    public const string FormatName = "auditbridge-pull-state";
    public const int FormatVersion = 1;

    private readonly FileStream _lock;

    private StateFileStore(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public string Path { get; }

    /// <summary>Takes the state file's lock; fails when another process holds it, or when the path is a link not to be followed.</summary>
    public static StateFileStore Open(string path, bool followSymlinks)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (NoFollowFile.IsSymbolicLink(full))
        {
            var target = new FileInfo(full).LinkTarget;
            if (!followSymlinks)
            {
                throw new UsageException($"state file {full} is a symbolic link to {target}: a state file is not written through a link (one planted there would make every save overwrite another file). Give the file itself as --state, or add --follow-symlinks to keep the state where the link points.", ExitCodes.State);
            }

            full = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        }

        var directory = System.IO.Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(directory);
            return new StateFileStore(full, NoFollowFile.OpenLockFile(full + ".lock"));
        }
        catch (SymbolicLinkRefusedException e)
        {
            throw new UsageException($"state file {full}: its lock file {e.Path} is a symbolic link; remove it (AuditBridge creates the lock file itself)", ExitCodes.State);
        }
        catch (IOException e) when (File.Exists(full + ".lock"))
        {
            throw new UsageException($"state file {full} is in use by another auditbridge process ({e.Message})", ExitCodes.State);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"state file {full}: cannot create it ({e.Message})", ExitCodes.State);
        }
    }

    /// <summary>Reads the saved state, or returns null when there is none yet.</summary>
    public PullState? Load()
    {
        byte[] bytes;
        try
        {
            using var stream = NoFollowFile.OpenExisting(Path, FileAccess.Read, followSymlinks: false);
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (SymbolicLinkRefusedException e)
        {
            throw new UsageException($"state file {Path} became a symbolic link to {e.Target} after it was opened; it is not read through a link", ExitCodes.State);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"state file {Path}: cannot read it ({e.Message})", ExitCodes.State);
        }

        try
        {
            return Deserialize(bytes);
        }
        catch (JsonException e)
        {
            throw new UsageException($"state file {Path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: not valid JSON; it was not written by auditbridge, or was damaged. Use --reset-state to start over (the next run then begins at --start-time).", ExitCodes.State);
        }
        catch (FormatException e)
        {
            throw new UsageException($"state file {Path}: {e.Message}. Use --reset-state to start over.", ExitCodes.State);
        }
    }

    public void Save(PullState state)
    {
        string? temporary = null;
        try
        {
            var (stream, name) = NoFollowFile.CreateTemporaryNextTo(Path);
            temporary = name;
            using (stream)
            {
                using (var writer = new Utf8JsonWriter(stream))
                {
                    Serialize(state, writer);
                }

                stream.Flush(flushToDisk: true);
            }

            // rename(2) replaces the directory entry itself: a link put at Path meanwhile is replaced, not followed.
            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (temporary is not null)
            {
                TryDelete(temporary);
            }

            throw new UsageException($"state file {Path}: cannot save it ({e.Message}); the last saved state is unchanged", ExitCodes.State);
        }
    }

    public void Delete() => TryDelete(Path);

    public void Dispose() => _lock.Dispose();

    internal static void Serialize(PullState state, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", FormatVersion);
        writer.WriteString("vendor", state.Vendor);
        writer.WriteStartObject("query");
        foreach (var (key, value) in state.Query.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
        if (state.StartTime is not null)
        {
            writer.WriteString("start_time", state.StartTime);
        }

        writer.WriteString("cursor", state.Checkpoint.Position);
        if (state.Checkpoint.NewestEventTime is { } newest)
        {
            writer.WriteString("newest_event_time", Iso(newest));
        }

        // [id, epoch milliseconds] pairs: compact, since the window is rewritten after every page.
        writer.WriteStartArray("recent");
        foreach (var seen in state.Checkpoint.Recent)
        {
            writer.WriteStartArray();
            writer.WriteStringValue(seen.Id);
            writer.WriteNumberValue(seen.Time.ToUnixTimeMilliseconds());
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteString("saved_at", Iso(state.SavedAt));
        writer.WriteEndObject();
    }

    internal static PullState Deserialize(ReadOnlySpan<byte> bytes)
    {
        using var document = JsonDocument.Parse(bytes.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.GetString() != FormatName)
        {
            throw new FormatException($"not an auditbridge pull state (no \"format\": \"{FormatName}\")");
        }

        if (!root.TryGetProperty("version", out var version) || !version.TryGetInt32(out var v) || v != FormatVersion)
        {
            throw new FormatException($"state format version {(root.TryGetProperty("version", out var got) ? got.ToString() : "missing")} is not one this auditbridge reads ({FormatVersion})");
        }

        var vendor = RequiredString(root, "vendor");
        var query = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("query", out var queryElement) && queryElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in queryElement.EnumerateObject())
            {
                query[member.Name] = member.Value.GetString() ?? throw new FormatException($"query.{member.Name} must be a string");
            }
        }

        var recent = new List<SeenEvent>();
        if (root.TryGetProperty("recent", out var recentElement))
        {
            foreach (var pair in recentElement.EnumerateArray())
            {
                if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2 || pair[0].GetString() is not { } id || !pair[1].TryGetInt64(out var ms))
                {
                    throw new FormatException("every entry of \"recent\" must be [id, epoch milliseconds]");
                }

                recent.Add(new SeenEvent(id, DateTimeOffset.FromUnixTimeMilliseconds(ms)));
            }
        }

        var cursor = root.TryGetProperty("cursor", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var newest = root.TryGetProperty("newest_event_time", out var n) ? ParseIso(n.GetString(), "newest_event_time") : (DateTimeOffset?)null;
        var startTime = root.TryGetProperty("start_time", out var s) ? s.GetString() : null;
        var savedAt = root.TryGetProperty("saved_at", out var saved) ? ParseIso(saved.GetString(), "saved_at") : DateTimeOffset.UnixEpoch;
        return new PullState(vendor, query, startTime, new Checkpoint(cursor, newest, recent), savedAt);
    }

    private static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new FormatException($"\"{name}\" is missing");

    private static DateTimeOffset ParseIso(string? text, string field) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new FormatException($"\"{field}\" is not a time");

    private static string Iso(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a left-over temporary file is harmless and replaced by the next save.
        }
    }
}
