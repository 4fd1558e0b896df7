using System.Globalization;
using AuditBridge.Framing;

namespace AuditBridge.Sinks.File;

/// <summary>Settings of the <c>file</c> sink. <see cref="Validate"/> lists every problem at once.</summary>
public sealed class FileSinkOptions
{
    /// <summary>Lower bound of <see cref="MaxBytes"/>: 1 KiB.</summary>
    public const long MinimumMaxBytes = 1024;

    /// <summary>Upper bound of <see cref="MaxBytes"/>: 1 TiB.</summary>
    public const long MaximumMaxBytes = 1L << 40;

    /// <summary>Upper bound of <see cref="KeepFiles"/>.</summary>
    public const int MaximumKeepFiles = 100_000;

    /// <summary>
    /// File to append to. Required. Missing directories are created (0700 on Unix) and a new file is created 0600
    /// on Unix: audit data names people, files and addresses. An existing file keeps its permissions.
    /// With rotation (<see cref="MaxBytes"/>, <see cref="RotateDaily"/>) the file name is a pattern:
    /// <c>{date}</c> is the UTC date the file was started (<c>yyyy-MM-dd</c>), <c>{n}</c> its number within that
    /// date (1, 2, …), for example <c>/var/log/auditbridge/audit-{date}.{n}.cef</c>. Without rotation, a path with
    /// <c>{date}</c> or <c>{n}</c> is an error (it would otherwise name one file literally).
    /// A symbolic link at the file's own name is refused unless <see cref="FollowSymlinks"/>; links among the
    /// directories are followed.
    /// </summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>
    /// Write to where a symbolic link at <see cref="Path"/> points. Default false: a link there is refused (permanent
    /// error), since one planted in a shared directory would send audit data into a file of someone else's choosing
    /// (on Linux the check and the open are one step, <c>O_NOFOLLOW</c>).
    /// </summary>
    public bool FollowSymlinks { get; set; }

    /// <summary>
    /// Start a new file before a batch would take the current one past this many bytes, 1,024..2^40. Default null:
    /// no size limit. <see cref="Path"/> must contain <c>{n}</c>. A batch is never split across files, so a file is
    /// larger only when one batch alone (with the file header) is larger; it then gets a file of its own.
    /// </summary>
    public long? MaxBytes { get; set; }

    /// <summary>
    /// Start a new file when the UTC date changes (checked when a batch is written: a batch goes into the file of
    /// the day it is written, whatever its events' times). Default false. <see cref="Path"/> must contain <c>{date}</c>.
    /// </summary>
    public bool RotateDaily { get; set; }

    /// <summary>
    /// How many earlier files to keep besides the one being written, 1..100,000; older ones (by the date and number in
    /// their names) are deleted when a file is opened. Default null: keep all. Needs rotation. Every file in the
    /// directory whose name fits the pattern counts, so give the sink its own directory or a distinctive name.
    /// </summary>
    public int? KeepFiles { get; set; }

    /// <summary>
    /// Sync every batch to the disk (fsync) before the write completes, so a completed write survives a power loss,
    /// not only a process crash. Default true. False leaves it in the OS page cache: faster, and an OS crash can
    /// lose the last batches.
    /// </summary>
    public bool FlushToDisk { get; set; } = true;

    /// <summary>
    /// How records are separated. Default null: by format, <see cref="FramingMethod.CrLf"/> for <c>csv</c> (RFC 4180)
    /// and <see cref="FramingMethod.Newline"/> (LF) for everything else.
    /// </summary>
    public FramingMethod? Framing { get; set; }

    /// <summary>Every problem with these settings, one sentence each; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate() => [.. Problems().Select(p => p.Message)];

    /// <summary>Every problem with these settings, keyed by the property it is about; empty when they are valid.</summary>
    /// <param name="name">How options are named in the messages; null: by their property names.</param>
    public IReadOnlyList<OptionProblem> Problems(OptionNamer? name = null)
    {
        name ??= static property => property;
        var errors = new List<OptionProblem>();
        var path = name(nameof(Path));
        if (string.IsNullOrWhiteSpace(Path))
        {
            errors.Add(new(nameof(Path), $"{path} is required."));
        }
        else if (Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add(new(nameof(Path), $"{path} '{Path}' contains characters that are not allowed in a path."));
        }
        else if (Directory.Exists(Path))
        {
            errors.Add(new(nameof(Path), $"{path} '{Path}' is a directory; name a file in it."));
        }

        ValidateRotation(errors, name);

        if (Framing is { } framing && !Enum.IsDefined(framing))
        {
            errors.Add(new(nameof(Framing), $"{name(nameof(Framing))} '{framing}' is not one of OctetCounting, Newline, CrLf, None."));
        }

        return errors;
    }

    /// <summary>Whether files rotate (by size or by day).</summary>
    internal bool IsRotating => MaxBytes is not null || RotateDaily;

    // Problems of placeholders in the file name are the path's: that is where the fix goes.
    private void ValidateRotation(List<OptionProblem> errors, OptionNamer name)
    {
        var (path, maxBytes, keepFiles, rotateDaily) = (name(nameof(Path)), name(nameof(MaxBytes)), name(nameof(KeepFiles)), name(nameof(RotateDaily)));
        if (MaxBytes is < MinimumMaxBytes or > MaximumMaxBytes)
        {
            errors.Add(new(nameof(MaxBytes), string.Create(CultureInfo.InvariantCulture, $"{maxBytes} {MaxBytes} is outside {MinimumMaxBytes}..{MaximumMaxBytes}.")));
        }

        if (KeepFiles is < 1 or > MaximumKeepFiles)
        {
            errors.Add(new(nameof(KeepFiles), string.Create(CultureInfo.InvariantCulture, $"{keepFiles} {KeepFiles} is outside 1..{MaximumKeepFiles}; leave it unset to keep every file.")));
        }

        if (string.IsNullOrWhiteSpace(Path))
        {
            return;
        }

        errors.AddRange(FileNamePattern.Check(Path, path).Select(problem => new OptionProblem(nameof(Path), problem)));
        var fileName = System.IO.Path.GetFileName(Path);
        if (!IsRotating)
        {
            if (FileNamePattern.HasPlaceholders(Path))
            {
                errors.Add(new(nameof(Path), $"{path} '{Path}' has {{date}} or {{n}}, which only rotation fills in: set {maxBytes} and/or {rotateDaily}, or remove the placeholder."));
            }

            if (KeepFiles is not null)
            {
                errors.Add(new(nameof(KeepFiles), $"{keepFiles} needs rotation: set {maxBytes} and/or {rotateDaily}."));
            }

            return;
        }

        if (RotateDaily && !fileName.Contains(FileNamePattern.DatePlaceholder, StringComparison.Ordinal))
        {
            errors.Add(new(nameof(Path), $"{rotateDaily} needs {{date}} in the file name of {path} '{Path}', for example audit-{{date}}.cef."));
        }

        if (MaxBytes is not null && !fileName.Contains(FileNamePattern.NumberPlaceholder, StringComparison.Ordinal))
        {
            errors.Add(new(nameof(Path), $"{maxBytes} needs {{n}} in the file name of {path} '{Path}', for example audit-{{date}}.{{n}}.cef or audit.{{n}}.cef."));
        }
    }
}
