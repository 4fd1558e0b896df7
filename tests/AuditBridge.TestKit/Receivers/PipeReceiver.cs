using System.IO.Pipes;

namespace AuditBridge.TestKit.Receivers;

/// <summary>
/// An anonymous pipe whose read end is drained by a thread of its own: what a shell pipeline (<c>auditbridge pull | …</c>)
/// gives a process as its standard output. <see cref="Writer"/> goes to the sink; <see cref="Bytes"/> is what came out.
/// </summary>
public sealed class PipeReceiver : IDisposable
{
    private readonly AnonymousPipeServerStream _reader;
    private readonly Lock _gate = new();
    private readonly MemoryStream _received = new();
    private readonly Thread? _drain;

    private PipeReceiver(bool drain)
    {
        _reader = new AnonymousPipeServerStream(PipeDirection.In);
        Writer = new AnonymousPipeClientStream(PipeDirection.Out, _reader.ClientSafePipeHandle);
        if (drain)
        {
            _drain = new Thread(Drain) { IsBackground = true, Name = "pipe receiver" };
            _drain.Start();
        }
        else
        {
            // Nobody will ever read: as after `| head` exited, a write fails with EPIPE.
            _reader.Dispose();
        }
    }

    /// <summary>The write end: the sink's standard output.</summary>
    public Stream Writer { get; }

    /// <summary>Every byte read from the pipe so far.</summary>
    public byte[] Bytes
    {
        get
        {
            lock (_gate)
            {
                return _received.ToArray();
            }
        }
    }

    /// <summary>A pipe whose reader drains it as fast as it is written.</summary>
    public static PipeReceiver Start() => new(drain: true);

    /// <summary>A pipe whose reader has gone: every write to <see cref="Writer"/> fails (broken pipe).</summary>
    public static PipeReceiver WithoutReader() => new(drain: false);

    /// <summary>Closes the write end (the reader sees the end of the stream) and waits for the reader.</summary>
    public void Dispose()
    {
        Writer.Dispose();
        _drain?.Join(TimeSpan.FromSeconds(10));
        _reader.Dispose();
    }

    private void Drain()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = _reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                lock (_gate)
                {
                    _received.Write(buffer, 0, read);
                }
            }
        }
        catch (IOException)
        {
            // The pipe is being torn down.
        }
        catch (ObjectDisposedException)
        {
            // The pipe is being torn down.
        }
    }
}
