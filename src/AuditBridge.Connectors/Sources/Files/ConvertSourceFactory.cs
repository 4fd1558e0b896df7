namespace AuditBridge.Sources.Files;

/// <summary>Creates sources that read vendor events from files and streams.</summary>
public static class ConvertSourceFactory
{
    /// <summary>
    /// A source over <paramref name="input"/> (read to its end; not disposed) that maps each event with
    /// <paramref name="mapper"/>. The result also implements <see cref="IConvertStatistics"/>.
    /// </summary>
    public static ISource Create(Stream input, IVendorEventMapper mapper, ConvertSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PageSize, 1);
        return new ConvertSource(input, mapper, options);
    }
}
