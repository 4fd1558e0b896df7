using System.Globalization;

namespace AuditBridge.Sources.Json;

/// <summary>
/// Splits a byte stream (a pipe, a file, standard input) into LF-terminated lines without decoding them, so each line
/// keeps its exact bytes (the event's <c>raw</c>). Tracks the byte offset after the last line handed out and its line
/// number, which is what a file position and an error location need. Not thread-safe.
/// </summary>
/// <remarks>
/// A line returned by <see cref="TryReadLine"/> points into the reader's buffer and is valid until the next
/// <see cref="FillAsync"/>; copy what must outlive it. A CR before the LF (Windows files) is not part of the line, nor is a
/// UTF-8 byte order mark at the very start of the stream.
/// </remarks>
internal sealed class LineReader
{
    /// <summary>Longest line accepted. A Dashlane log is a few hundred bytes; this only stops a runaway producer.</summary>
    public const int DefaultMaxLineBytes = 16 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private int _scanned;
    private bool _atStreamStart;

    /// <param name="stream">Where the bytes come from; read from its current position.</param>
    /// <param name="offset">The stream offset of that position (0 for a pipe or a file read from its start).</param>
    /// <param name="linesBefore">How many lines precede that position, so line numbers stay those of the file.</param>
    /// <param name="maxLineBytes">Longest line accepted.</param>
    public LineReader(Stream stream, long offset = 0, long linesBefore = 0, int maxLineBytes = DefaultMaxLineBytes)
        : this(stream, ReadOnlySpan<byte>.Empty, offset, linesBefore, maxLineBytes)
    {
    }

    /// <param name="stream">Where the bytes after <paramref name="readAhead"/> come from.</param>
    /// <param name="readAhead">
    /// Bytes already taken from <paramref name="stream"/> that come first (a caller that looked at the start of a file to
    /// tell its layout); copied.
    /// </param>
    /// <param name="offset">The stream offset of the first byte of <paramref name="readAhead"/>.</param>
    /// <param name="linesBefore">How many lines precede that offset.</param>
    /// <param name="maxLineBytes">Longest line accepted.</param>
    public LineReader(Stream stream, ReadOnlySpan<byte> readAhead, long offset, long linesBefore, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        Offset = offset;
        LineNumber = linesBefore;
        _atStreamStart = offset == 0;
        if (readAhead.Length > _buffer.Length)
        {
            _buffer = new byte[readAhead.Length * 2];
        }

        readAhead.CopyTo(_buffer);
        _end = readAhead.Length;
    }

    /// <summary>The stream offset just after the last line handed out (the position to resume from).</summary>
    public long Offset { get; private set; }

    /// <summary>The 1-based number of the last line handed out (0 before the first).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes of an incomplete line held back, waiting for its LF.</summary>
    public int PendingBytes => _end - _start;

    /// <summary>Hands out the next complete line held in the buffer; false when more bytes are needed (call <see cref="FillAsync"/>).</summary>
    /// <exception cref="InvalidDataException">The line is longer than the maximum.</exception>
    public bool TryReadLine(out ReadOnlyMemory<byte> line)
    {
        var unscanned = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned);
        var newline = unscanned.IndexOf((byte)'\n');
        if (newline < 0)
        {
            _scanned = _end - _start;
            if (_scanned > _maxLineBytes)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"line {LineNumber + 1} is longer than {_maxLineBytes:N0} bytes"));
            }

            line = default;
            return false;
        }

        var length = _scanned + newline + 1;
        line = Take(length, length - 1);
        return true;
    }

    /// <summary>
    /// At the end of the input: the bytes after the last LF, if any, without consuming them (a file being written may
    /// still complete the line); <see cref="ConsumeRest"/> takes them as a line.
    /// </summary>
    public bool TryPeekRest(out ReadOnlyMemory<byte> line)
    {
        var length = _end - _start;
        line = length == 0 ? default : _buffer.AsMemory(_start, length);
        if (length > 0 && line.Span[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (_atStreamStart && line.Span.StartsWith("\uFEFF"u8))
        {
            line = line[3..];
        }

        return length > 0;
    }

    /// <summary>Counts the bytes after the last LF as one more line (after <see cref="TryPeekRest"/>).</summary>
    public void ConsumeRest()
    {
        var length = _end - _start;
        if (length > 0)
        {
            Take(length, length);
        }
    }

    /// <summary>Reads more bytes into the buffer; returns how many (0 at the end of the input, or of a file for now).</summary>
    public async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read;
    }

    private ReadOnlyMemory<byte> Take(int consumed, int content)
    {
        var first = _start;
        if (content > 0 && _buffer[first + content - 1] == (byte)'\r')
        {
            content--;
        }

        if (_atStreamStart && content >= 3 && _buffer.AsSpan(first, 3).SequenceEqual("\uFEFF"u8))
        {
            first += 3;
            content -= 3;
        }

        _atStreamStart = false;
        _start += consumed;
        _scanned = 0;
        Offset += consumed;
        LineNumber++;
        return _buffer.AsMemory(first, content);
    }
}
