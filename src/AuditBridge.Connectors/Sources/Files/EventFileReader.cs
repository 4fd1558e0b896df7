using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using AuditBridge.Sources.Json;

namespace AuditBridge.Sources.Files;

/// <summary>
/// Streams the events of a file without loading it whole: API pages (<c>{"events": [...]}</c> or
/// <c>{"entries": [...]}</c>, several in a row too), a JSON array, JSON lines, or pretty-printed event objects —
/// detected from the first object (a page has an <c>events</c> or <c>entries</c> array among its top-level members; an
/// event object that spans several lines is not JSON lines). Every event comes with its line and byte offset. Broken JSON inside an array or page stops the read (there is no reliable way to find the next
/// event); in JSON lines every line stands alone, so the caller decides what a bad line means.
/// </summary>
internal sealed class EventFileReader
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly string _name;
    private readonly int _maxEventBytes;
    private byte[] _buffer = new byte[InitialBufferBytes];
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _isFinal;
    private long _lineCountedTo;
    private long _line = 1;

    // Array and page scanning, carried from one buffer to the next. Several pages may follow each other.
    private JsonReaderState _state = new(new JsonReaderOptions { AllowMultipleValues = true });
    private Phase _phase = Phase.Top;
    private int _arrayDepth;

    public EventFileReader(Stream stream, string name, int maxEventBytes = 16 * 1024 * 1024)
    {
        _stream = stream;
        _name = name;
        _maxEventBytes = maxEventBytes;
    }

    private enum Phase
    {
        Top,
        PageMembers,
        Elements,
        Done,
    }

    /// <summary>The layout, known once reading started.</summary>
    public EventFileLayout? Layout { get; private set; }

    public async IAsyncEnumerable<EventFileEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await FillAsync(cancellationToken);
        SkipByteOrderMark();
        var first = await FirstSignificantByteAsync(cancellationToken);
        if (first is null)
        {
            Layout = EventFileLayout.Lines;
            yield break;
        }

        if (first == (byte)'[')
        {
            Layout = EventFileLayout.Array;
        }
        else if (first == (byte)'{')
        {
            Layout = await LayoutOfFirstObjectAsync(cancellationToken);
        }
        else
        {
            throw Error(_bufferOffset + _start, $"expected a JSON object, a JSON array or JSON lines, found '{(char)first}'");
        }

        if (Layout == EventFileLayout.Lines)
        {
            await foreach (var line in ReadLinesAsync(cancellationToken))
            {
                yield return line;
            }

            yield break;
        }

        while (true)
        {
            var found = ScanStructured();
            foreach (var entry in found)
            {
                yield return entry;
            }

            if (_isFinal)
            {
                // The last scan saw the whole rest of the file: it ends inside a value unless every array and page closed.
                if (_phase != Phase.Done)
                {
                    throw Error(_bufferOffset + _end, "the file ends in the middle of a JSON value (cut short?)");
                }

                yield break;
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>JSON lines, through the line reader the Dashlane sources use: the bytes looked at so far come first.</summary>
    private async IAsyncEnumerable<EventFileEntry> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        CountLinesUpTo(_bufferOffset + _start);
        var lines = new LineReader(_stream, _buffer.AsSpan(_start, _end - _start), _bufferOffset + _start, _line - 1, _maxEventBytes);
        _buffer = [];
        _start = _end = 0;
        while (true)
        {
            var offset = lines.Offset;
            ReadOnlyMemory<byte> line;
            try
            {
                if (!lines.TryReadLine(out line))
                {
                    if (await lines.FillAsync(cancellationToken) > 0)
                    {
                        continue;
                    }

                    // The last line has no newline.
                    if (!lines.TryPeekRest(out line))
                    {
                        yield break;
                    }

                    lines.ConsumeRest();
                }
            }
            catch (InvalidDataException)
            {
                throw new EventFileFormatException($"{_name}:{lines.LineNumber + 1}: an event or line is longer than {_maxEventBytes} bytes (byte offset {offset})");
            }

            var trimmed = Trim(line);
            if (trimmed.Length > 0)
            {
                yield return new EventFileEntry(trimmed.ToArray(), lines.LineNumber, offset + Leading(line));
            }
        }
    }

    /// <summary>Scans as much of the buffer as holds whole tokens and events; returns the complete events found.</summary>
    private List<EventFileEntry> ScanStructured()
    {
        var found = new List<EventFileEntry>();
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _isFinal, _state);
        var safeConsumed = 0L;
        var safeState = _state;
        try
        {
            while (true)
            {
                if (!reader.Read())
                {
                    break;
                }

                var tokenStart = reader.TokenStartIndex;

                if (_phase == Phase.Top)
                {
                    if (reader.TokenType == JsonTokenType.StartObject && Layout == EventFileLayout.Objects)
                    {
                        var elementStart = reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            break;
                        }

                        found.Add(Entry(elementStart, (int)(reader.BytesConsumed - elementStart)));
                    }
                    else if (reader.TokenType == JsonTokenType.StartArray && Layout == EventFileLayout.Array)
                    {
                        _phase = Phase.Elements;
                        _arrayDepth = reader.CurrentDepth;
                    }
                    else if (reader.TokenType == JsonTokenType.StartObject && Layout == EventFileLayout.Page)
                    {
                        _phase = Phase.PageMembers;
                    }
                    else
                    {
                        throw Error(Absolute(tokenStart), Layout switch
                        {
                            EventFileLayout.Page => "expected another page (a JSON object) after the previous one",
                            EventFileLayout.Objects => "expected another event (a JSON object) after the previous one",
                            _ => "expected nothing after the JSON array",
                        });
                    }
                }
                else if (_phase == Phase.PageMembers)
                {
                    if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                    {
                        _phase = Phase.Top;
                    }
                    else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                    {
                        var isEvents = reader.ValueTextEquals("events"u8) || reader.ValueTextEquals("entries"u8);
                        if (!reader.Read())
                        {
                            break;
                        }

                        if (isEvents && reader.TokenType == JsonTokenType.StartArray)
                        {
                            _phase = Phase.Elements;
                            _arrayDepth = reader.CurrentDepth;
                        }
                        else if (!reader.TrySkip())
                        {
                            break;
                        }
                    }
                }
                else if (_phase == Phase.Elements)
                {
                    if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == _arrayDepth)
                    {
                        _phase = Layout == EventFileLayout.Page ? Phase.PageMembers : Phase.Done;
                    }
                    else
                    {
                        var elementStart = reader.TokenStartIndex;
                        if (!reader.TrySkip())
                        {
                            break;
                        }

                        found.Add(Entry(elementStart, (int)(reader.BytesConsumed - elementStart)));
                    }
                }
                else
                {
                    throw Error(Absolute(tokenStart), "expected nothing after the JSON array");
                }

                safeConsumed = reader.BytesConsumed;
                safeState = reader.CurrentState;
            }
        }
        catch (JsonException json)
        {
            var consumed = (int)reader.BytesConsumed;
            var at = Absolute(consumed);
            if (_isFinal && _buffer.AsSpan(_start + consumed, _end - _start - consumed).IndexOfAnyExcept(" \t\r\n"u8) < 0)
            {
                throw Error(at, "the file ends in the middle of a JSON value (cut short?)", json);
            }

            throw Error(at, "not valid JSON: " + json.Message.Split(" LineNumber:", 2)[0].Split(" Path:", 2)[0], json);
        }

        // Between pages at the end of the file, with at most whitespace left: the file is complete.
        if (_isFinal && _phase == Phase.Top
            && _buffer.AsSpan(_start + (int)safeConsumed, _end - _start - (int)safeConsumed).IndexOfAnyExcept(" \t\r\n"u8) < 0)
        {
            _phase = Phase.Done;
        }

        _start += (int)safeConsumed;
        _state = safeState;
        return found;
    }

    /// <summary>The event at <paramref name="start"/> (relative to the scan) of <paramref name="length"/> bytes, with where it stands.</summary>
    private EventFileEntry Entry(long start, int length)
    {
        if (length > _maxEventBytes)
        {
            throw Error(Absolute(start), $"an event is longer than {_maxEventBytes} bytes");
        }

        var absolute = Absolute(start);
        return new EventFileEntry(_buffer.AsSpan(_start + (int)start, length).ToArray(), LineAt(absolute), absolute);
    }

    /// <summary>
    /// A page when the first object has an <c>events</c> or <c>entries</c> array among its top-level members; else
    /// pretty-printed objects when it spans several lines (JSON lines never do), else JSON lines.
    /// </summary>
    private async Task<EventFileLayout> LayoutOfFirstObjectAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var verdict = PeekLayout();
            if (verdict is not null)
            {
                return verdict.Value;
            }

            if (!await FillAsync(cancellationToken))
            {
                // A first object that never ends: let the line reader report it where it is.
                return EventFileLayout.Lines;
            }
        }
    }

    private EventFileLayout? PeekLayout()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _isFinal, new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true }));
        try
        {
            if (!reader.Read())
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                {
                    var first = _buffer.AsSpan(_start, (int)reader.BytesConsumed);
                    return first[first.IndexOf((byte)'{')..].IndexOf((byte)'\n') >= 0 ? EventFileLayout.Objects : EventFileLayout.Lines;
                }

                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var isEvents = reader.ValueTextEquals("events"u8) || reader.ValueTextEquals("entries"u8);
                    if (!reader.Read())
                    {
                        return null;
                    }

                    if (isEvents && reader.TokenType == JsonTokenType.StartArray)
                    {
                        return EventFileLayout.Page;
                    }

                    if (!reader.TrySkip())
                    {
                        return null;
                    }
                }
            }

            return _isFinal ? EventFileLayout.Lines : null;
        }
        catch (JsonException)
        {
            // Not one well-formed object: JSON lines, where each line reports its own problem.
            return EventFileLayout.Lines;
        }
    }

    private async Task<byte?> FirstSignificantByteAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var skip = span.IndexOfAnyExcept(" \t\r\n"u8);
            if (skip >= 0)
            {
                return span[skip];
            }

            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }
    }

    /// <summary>Reads more of the stream; returns false at its end. Keeps unread bytes, growing the buffer when they fill it.</summary>
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_isFinal)
        {
            return false;
        }

        if (_start > 0)
        {
            CountLinesUpTo(_bufferOffset + _start);
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= _maxEventBytes + InitialBufferBytes)
            {
                throw Error(_bufferOffset, $"an event or line is longer than {_maxEventBytes} bytes");
            }

            Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _maxEventBytes + InitialBufferBytes));
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            _isFinal = true;
            return false;
        }

        _end += read;
        return true;
    }

    private void SkipByteOrderMark()
    {
        if (_buffer.AsSpan(_start, _end - _start).StartsWith("\uFEFF"u8))
        {
            _start += 3;
        }
    }

    private long Absolute(long consumedInReader) => _bufferOffset + _start + consumedInReader;

    /// <summary>The 1-based line of an absolute offset still in the buffer (offsets only move forward).</summary>
    private long LineAt(long absolute)
    {
        CountLinesUpTo(absolute);
        return _line;
    }

    private void CountLinesUpTo(long absolute)
    {
        if (absolute <= _lineCountedTo)
        {
            return;
        }

        var from = (int)(_lineCountedTo - _bufferOffset);
        var to = (int)(absolute - _bufferOffset);
        if (from >= 0 && to <= _end)
        {
            _line += _buffer.AsSpan(from, to - from).Count((byte)'\n');
        }

        _lineCountedTo = absolute;
    }

    private EventFileFormatException Error(long absolute, string message, Exception? inner = null)
    {
        var text = $"{_name}:{LineAt(Math.Min(absolute, _bufferOffset + _end))}: {message} (byte offset {absolute})";
        return inner is null ? new EventFileFormatException(text) : new EventFileFormatException(text, inner);
    }

    private static ReadOnlyMemory<byte> Trim(ReadOnlyMemory<byte> line)
    {
        var span = line.Span;
        var start = span.IndexOfAnyExcept(" \t\r"u8);
        if (start < 0)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var end = span.LastIndexOfAnyExcept(" \t\r"u8);
        return line[start..(end + 1)];
    }

    private static int Leading(ReadOnlyMemory<byte> line) => Math.Max(0, line.Span.IndexOfAnyExcept(" \t\r"u8));

    /// <summary>For messages: the first bytes of an entry as text.</summary>
    public static string Preview(ReadOnlyMemory<byte> json) => Encoding.UTF8.GetString(json.Span[..Math.Min(json.Length, 60)]);
}
