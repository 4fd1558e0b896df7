using AuditBridge.Formats;
using AuditBridge.Sinks;
using AuditBridge.Sinks.File;

namespace AuditBridge.Components;

/// <summary>The <c>file</c> sink: appends records to a file, optionally rotated (src/AuditBridge.Connectors/Sinks/File).</summary>
internal sealed class FileSinkDefinition : SinkDefinition
{
    /// <summary>The seed script's <c>--output</c> took no value and wrote this file; a bare <c>--output</c> still does.</summary>
    public const string SeedOutputFile = "dropbox_cefevents.csv";

    private const string Prefix = "output";

    public static readonly OptionSpec FilePath = new("path", OptionKind.Path, $"Append records to FILE (CSV writes its header only into a new file). On the command line without a value: ./{SeedOutputFile}, as the sample script.")
    {
        Flag = "--output", Required = true, HelpName = "FILE", ValueWhenBare = SeedOutputFile, Property = nameof(FileSinkOptions.Path),
    };

    public static readonly OptionSpec Fsync = new("fsync", OptionKind.Bool, "Sync the file to disk after every batch, before the journal position moves past it.")
    {
        Default = "true",
        Property = nameof(FileSinkOptions.FlushToDisk),
        NotOnCommandLine = "a one-shot run syncs the file exactly when --state is given (before the state moves past a page); without a state nothing depends on it",
    };

    public static readonly OptionSpec MaxBytes = new("max_bytes", OptionKind.Size, "Rotate when the file reaches this size (100MB, 1GiB); the path's file name needs {n}.", Prefix)
    {
        HelpName = "SIZE", Property = nameof(FileSinkOptions.MaxBytes),
    };

    public static readonly OptionSpec RotateDaily = new("rotate_daily", OptionKind.Bool, "Start a new file every day (UTC); the path's file name needs {date}.", Prefix)
    {
        Default = "false", Property = nameof(FileSinkOptions.RotateDaily),
    };

    public static readonly OptionSpec KeepFiles = new("keep_files", OptionKind.Int, "With rotation: how many files to keep (default: all).", Prefix)
    {
        Minimum = 1, Maximum = FileSinkOptions.MaximumKeepFiles, HelpName = "N", Property = nameof(FileSinkOptions.KeepFiles),
    };

    public static readonly OptionSpec FollowSymlinks = new("follow_symlinks", OptionKind.Bool, "Write where a symbolic link at the path points (on the command line also for --state and --quarantine). Without it a link there is refused: one planted in a shared directory would redirect the data.")
    {
        Flag = "--follow-symlinks", Default = "false", Property = nameof(FileSinkOptions.FollowSymlinks), IgnoredWithoutItsSink = true,
    };

    public override string Type => "file";

    public override string Summary => "Appends records to a file (CEF, LEEF, JSON lines, CSV), rotated by size and/or day if asked.";

    public override string DefaultFormat => "json";

    public override OptionSpec Target => FilePath;

    public override IReadOnlyList<OptionSpec> Options { get; } = [FilePath, Fsync, MaxBytes, RotateDaily, KeepFiles, FollowSymlinks];

    public override SinkBinding Bind(OptionReader reader, IEventFormatter? formatter)
    {
        var options = new FileSinkOptions
        {
            Path = reader.Path(FilePath) ?? string.Empty,
            FlushToDisk = reader.Bool(Fsync) ?? true,
            MaxBytes = reader.Size(MaxBytes),
            RotateDaily = reader.Bool(RotateDaily) ?? false,
            KeepFiles = reader.Int(KeepFiles),
            FollowSymlinks = reader.Bool(FollowSymlinks) ?? false,
        };
        if (options.Path.Length > 0)
        {
            Report(reader, options.Problems(Namer(reader)));
        }

        var rotation = options.MaxBytes is { } max ? $", rotated at {max:N0} bytes" : string.Empty;
        rotation += options.RotateDaily ? ", rotated daily" : string.Empty;
        rotation += options.FollowSymlinks ? ", written through a symbolic link at its path" : string.Empty;
        return new SinkBinding(
            Type,
            services => FileSinkFactory.Create(options, formatter!, services.Time, services.Loggers.CreateLogger("AuditBridge.Sinks.File")),
            $"file {options.Path} ({formatter?.Name ?? "?"}{rotation})",
            DeliveryGuarantee.AtLeastOnce);
    }
}
