namespace AuditBridge.Simulators.Dropbox;

/// <summary>
/// <c>GetTeamEventsArg</c> (A.2) as read from a request body. Anything that fails to deserialise is a 400 with a
/// plain-text reason, as Dropbox's own argument validation answers; unknown fields are ignored.
/// </summary>
internal sealed class GetEventsArg
{
    public const int DefaultLimit = 1000;
    public const int MaxLimit = 1000;

    public int Limit { get; private set; } = DefaultLimit;

    public string? AccountId { get; private set; }

    public DateTimeOffset? StartTime { get; private set; }

    public DateTimeOffset? EndTime { get; private set; }

    public string? Category { get; private set; }

    public string? EventType { get; private set; }

    public static bool TryParse(ReadOnlySpan<byte> json, out GetEventsArg arg, out string error)
    {
        arg = new GetEventsArg();
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "request body: expected a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                var ok = name switch
                {
                    "limit" => arg.ReadLimit(ref reader, out error),
                    "account_id" => arg.ReadAccountId(ref reader, out error),
                    "time" => arg.ReadTime(ref reader, out error),
                    "category" => arg.ReadCategory(ref reader, out error),
                    "event_type" => arg.ReadEventType(ref reader, out error),
                    _ => Skip(ref reader, out error),
                };
                if (!ok)
                {
                    return false;
                }
            }

            if (reader.Read())
            {
                error = "request body: unexpected data after the JSON object";
                return false;
            }
        }
        catch (JsonException)
        {
            error = "request body: could not decode input as JSON";
            return false;
        }

        error = string.Empty;
        return true;
    }

    private static bool Skip(ref Utf8JsonReader reader, out string error)
    {
        reader.Skip();
        error = string.Empty;
        return true;
    }

    /// <summary>Union members without payload may come in short form (<c>"logins"</c>) or long form (<c>{".tag":"logins"}</c>).</summary>
    private static bool ReadTag(ref Utf8JsonReader reader, string field, out string? tag, out string error)
    {
        tag = null;
        error = string.Empty;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.String:
                tag = reader.GetString();
                return true;
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (name == ".tag" && reader.TokenType == JsonTokenType.String)
                    {
                        tag = reader.GetString();
                    }
                    else
                    {
                        reader.Skip();
                    }
                }

                if (tag is null)
                {
                    error = $"request body: {field}: missing '.tag' key";
                    return false;
                }

                return true;
            default:
                error = $"request body: {field}: expected a union tag";
                return false;
        }
    }

    private static bool ReadTimestamp(ref Utf8JsonReader reader, string field, out DateTimeOffset? value, out string error)
    {
        value = null;
        error = string.Empty;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (text is null || !DropboxTimestamp.TryParse(text, out var parsed))
        {
            error = $"request body: time: {field}: timestamp does not match format '%Y-%m-%dT%H:%M:%SZ'";
            return false;
        }

        value = parsed;
        return true;
    }

    private bool ReadCategory(ref Utf8JsonReader reader, out string error)
    {
        var ok = ReadTag(ref reader, "category", out var tag, out error);
        Category = tag;
        return ok;
    }

    private bool ReadEventType(ref Utf8JsonReader reader, out string error)
    {
        var ok = ReadTag(ref reader, "event_type", out var tag, out error);
        EventType = tag;
        return ok;
    }

    private bool ReadLimit(ref Utf8JsonReader reader, out string error)
    {
        error = string.Empty;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var limit))
        {
            error = "request body: limit: expected an integer";
            return false;
        }

        if (limit is < 1 or > MaxLimit)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"request body: limit: {limit} is not within range [1, {MaxLimit}]");
            return false;
        }

        Limit = (int)limit;
        return true;
    }

    private bool ReadAccountId(ref Utf8JsonReader reader, out string error)
    {
        error = string.Empty;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (value is null || value.Length != 40)
        {
            error = "request body: account_id: must be a string of exactly 40 characters";
            return false;
        }

        AccountId = value;
        return true;
    }

    private bool ReadTime(ref Utf8JsonReader reader, out string error)
    {
        error = string.Empty;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            error = "request body: time: expected an object";
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            DateTimeOffset? value;
            switch (name)
            {
                case "start_time":
                    if (!ReadTimestamp(ref reader, name, out value, out error))
                    {
                        return false;
                    }

                    StartTime = value;
                    break;
                case "end_time":
                    if (!ReadTimestamp(ref reader, name, out value, out error))
                    {
                        return false;
                    }

                    EndTime = value;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return true;
    }
}
