using AuditBridge.Secrets;

namespace AuditBridge.Cli.Terminal;

/// <summary>
/// The one writer of stderr: messages, and on a terminal a live progress line that messages do not garble
/// (the line is cleared before a message and drawn again after it). Every message passes the redactor and has its
/// control characters escaped: a message can quote a vendor's answer, whose ESC or BEL must not reach the terminal.
/// </summary>
internal sealed class StderrConsole(TextWriter error, bool isInteractive, SecretRedactor? redactor = null)
{
    private const string ClearLine = "\r\u001b[K";

    private readonly Lock _gate = new();
    private string? _live;

    public bool IsInteractive { get; } = isInteractive;

    public void WriteLine(string message)
    {
        message = ExternalText.Escape(redactor?.Redact(message) ?? message);
        lock (_gate)
        {
            if (_live is not null)
            {
                error.Write(ClearLine);
            }

            error.WriteLine(message);
            if (_live is not null)
            {
                error.Write(_live);
            }

            error.Flush();
        }
    }

    /// <summary>Shows (or replaces) the live line; only on a terminal.</summary>
    public void SetLiveLine(string line)
    {
        if (!IsInteractive)
        {
            return;
        }

        lock (_gate)
        {
            _live = line;
            error.Write(ClearLine);
            error.Write(line);
            error.Flush();
        }
    }

    /// <summary>Removes the live line so the next output starts on a clean line.</summary>
    public void ClearLiveLine()
    {
        lock (_gate)
        {
            if (_live is not null)
            {
                error.Write(ClearLine);
                error.Flush();
                _live = null;
            }
        }
    }
}
