namespace AuditBridge.Sources.Paging;

/// <summary>What the paging engine needs to know of one vendor source, besides its plug-in's methods.</summary>
internal sealed record PagingSettings
{
    /// <summary>Vendor key, stamped on quarantined events (<c>dropbox</c>).</summary>
    public required string Vendor { get; init; }

    /// <summary>Vendor name for messages (<c>Dropbox</c>).</summary>
    public required string VendorName { get; init; }

    /// <summary>
    /// How far before the newest known event time a read restarts after the vendor refused the position. The ids of
    /// events within this margin (plus <see cref="PagingSource{TRequest}.WindowSlack"/>) travel in every checkpoint, so
    /// the overlap is not emitted twice.
    /// </summary>
    public required TimeSpan ResetMargin { get; init; }

    /// <summary>A position given by the user (<c>--cursor</c>, <c>--stream-position</c>), used when no checkpoint is.</summary>
    public string? UserPosition { get; init; }

    /// <summary>Where a read starts when neither a checkpoint nor the user gives a position (<c>0</c> for a stream that starts at its oldest event); null: the query's start.</summary>
    public string? DefaultPosition { get; init; }

    /// <summary>The configured lower bound of event time: a restart never goes before it.</summary>
    public DateTimeOffset? EarliestStart { get; init; }
}
