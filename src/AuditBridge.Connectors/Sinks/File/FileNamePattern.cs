using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AuditBridge.Sinks.File;

/// <summary>
/// A file path whose file name may hold <c>{date}</c> (UTC date the file was started, <c>yyyy-MM-dd</c>) and
/// <c>{n}</c> (1, 2, 3 … within that date): how rotated files are named, and how the files of earlier runs are found
/// again (to continue the newest one after a restart, and to delete the oldest ones).
/// </summary>
/// <remarks>
/// Files are never renamed: a reader that follows a file (a SIEM file collector, <c>tail -F</c>) sees complete files
/// appear, and a crash in the middle of a rotation cannot leave two files with one name. The order of files comes
/// from their names (date, then number), not from timestamps, which copies and restores change.
/// </remarks>
internal sealed class FileNamePattern
{
    /// <summary>Replaced by the UTC date the file was started.</summary>
    public const string DatePlaceholder = "{date}";

    /// <summary>Replaced by the file's number within its date, from 1.</summary>
    public const string NumberPlaceholder = "{n}";

    private const string DateFormat = "yyyy-MM-dd";

    private readonly string _directory;
    private readonly string _fileName;
    private readonly Regex _match;

    private FileNamePattern(string directory, string fileName)
    {
        _directory = directory;
        _fileName = fileName;
        HasDate = fileName.Contains(DatePlaceholder, StringComparison.Ordinal);
        HasNumber = fileName.Contains(NumberPlaceholder, StringComparison.Ordinal);

        var regex = new StringBuilder("^");
        foreach (var part in Regex.Split(fileName, @"(\{date\}|\{n\})"))
        {
            regex.Append(part switch
            {
                DatePlaceholder => @"(?<date>[0-9]{4}-[0-9]{2}-[0-9]{2})",

                // No leading zero, so one number has one spelling; at most 9 digits, so it always fits an int.
                NumberPlaceholder => @"(?<n>[1-9][0-9]{0,8})",
                _ => Regex.Escape(part),
            });
        }

        _match = new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }

    public bool HasDate { get; }

    public bool HasNumber { get; }

    /// <param name="fullPath">An absolute path; placeholders are recognised in its file name only.</param>
    public static FileNamePattern Parse(string fullPath) =>
        new(System.IO.Path.GetDirectoryName(fullPath) ?? string.Empty, System.IO.Path.GetFileName(fullPath));

    /// <summary>The problems of the placeholders in <paramref name="path"/>, one sentence each.</summary>
    /// <param name="path">The path.</param>
    /// <param name="pathName">How the path option is named in messages.</param>
    public static IEnumerable<string> Check(string path, string pathName = "Path")
    {
        var fileName = System.IO.Path.GetFileName(path);
        var directory = System.IO.Path.GetDirectoryName(path) ?? string.Empty;
        if (directory.Contains(DatePlaceholder, StringComparison.Ordinal) || directory.Contains(NumberPlaceholder, StringComparison.Ordinal))
        {
            yield return $"{pathName} '{path}' has a placeholder in its directory part: {{date}} and {{n}} are allowed in the file name only.";
        }

        foreach (var placeholder in new[] { DatePlaceholder, NumberPlaceholder })
        {
            var first = fileName.IndexOf(placeholder, StringComparison.Ordinal);
            if (first >= 0 && fileName.IndexOf(placeholder, first + 1, StringComparison.Ordinal) >= 0)
            {
                yield return $"{pathName} '{path}' has {placeholder} more than once.";
            }
        }

        foreach (Match unknown in Regex.Matches(fileName, @"\{[A-Za-z_]*\}"))
        {
            if (unknown.Value is not (DatePlaceholder or NumberPlaceholder))
            {
                yield return $"{pathName} '{path}' has the unknown placeholder {unknown.Value}: the placeholders are {{date}} and {{n}}.";
            }
        }
    }

    /// <summary>Whether <paramref name="path"/> uses <c>{date}</c> or <c>{n}</c> anywhere.</summary>
    public static bool HasPlaceholders(string path) =>
        path.Contains(DatePlaceholder, StringComparison.Ordinal) || path.Contains(NumberPlaceholder, StringComparison.Ordinal);

    /// <summary>The full path of the file started on <paramref name="date"/> with number <paramref name="number"/>.</summary>
    public string Format(DateOnly date, int number) => System.IO.Path.Combine(
        _directory,
        _fileName
            .Replace(DatePlaceholder, date.ToString(DateFormat, CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(NumberPlaceholder, number.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));

    /// <summary>
    /// The existing files whose names this pattern produces, in no particular order. A part the pattern does not
    /// have reads as <see cref="DateOnly.MinValue"/> (no <c>{date}</c>) or 1 (no <c>{n}</c>).
    /// </summary>
    public IEnumerable<PatternFile> Find()
    {
        if (!Directory.Exists(_directory))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(_directory))
        {
            var match = _match.Match(System.IO.Path.GetFileName(path));
            if (!match.Success)
            {
                continue;
            }

            var date = DateOnly.MinValue;
            if (HasDate && !DateOnly.TryParseExact(match.Groups["date"].Value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                // 2024-13-45 matches the shape but is no date this sink wrote.
                continue;
            }

            var number = HasNumber ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 1;
            yield return new PatternFile(path, date, number);
        }
    }

    public override string ToString() => System.IO.Path.Combine(_directory, _fileName);
}
