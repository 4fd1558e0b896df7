using AuditBridge.Journal.Sqlite;

namespace AuditBridge.Journal;

/// <summary>Opens the journal a <see cref="JournalLocation"/> names, by its type: the one registry of journal types.</summary>
public static class JournalFactory
{
    private static readonly IJournalProvider[] Providers = [new SqliteJournalProvider()];

    /// <summary>The journal types this build knows, for configuration validation and messages.</summary>
    public static IReadOnlyList<string> Types { get; } = [.. Providers.Select(p => p.Type)];

    /// <summary>The provider of <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentException">No journal type has that name.</exception>
    public static IJournalProvider Provider(string type) =>
        Array.Find(Providers, p => string.Equals(p.Type, type, StringComparison.Ordinal))
        ?? throw new ArgumentException(Unknown(type), nameof(type));

    /// <summary>Every problem with <paramref name="location"/>; empty when it can be opened.</summary>
    public static IReadOnlyList<string> Validate(JournalLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return Array.Find(Providers, p => p.Type == location.Type) is { } provider
            ? provider.Validate(location)
            : [Unknown(location.Type)];
    }

    /// <summary>Whether a journal exists at <paramref name="location"/>.</summary>
    public static bool Exists(JournalLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return Provider(location.Type).Exists(location);
    }

    /// <summary>
    /// Opens the journal. Dispose it to release it. The owner's open (not <see cref="JournalLocation.Shared"/>) creates
    /// the journal and brings its schema up to date.
    /// </summary>
    /// <exception cref="ArgumentException">The location is invalid (every problem is listed).</exception>
    /// <exception cref="JournalException">
    /// The journal cannot be used (in use by another daemon, damaged, newer, not writable, locked too long);
    /// <see cref="JournalException.IsTransient"/> says whether trying again later may help.
    /// </exception>
    public static Task<IJournal> OpenAsync(JournalLocation location, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        return Provider(location.Type).OpenAsync(location, time, cancellationToken);
    }

    private static string Unknown(string type) => $"unknown journal type '{type}' (known: {string.Join(", ", Types)})";
}
