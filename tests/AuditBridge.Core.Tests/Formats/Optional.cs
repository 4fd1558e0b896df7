namespace AuditBridge.Core.Tests.Formats;

/// <summary>An argument that was either given (possibly as null) or left out, so test factories can tell the two apart.</summary>
internal readonly struct Optional<T>
{
    private readonly T _value;
    private readonly bool _isGiven;

    private Optional(T value)
    {
        _value = value;
        _isGiven = true;
    }

    public static implicit operator Optional<T>(T value) => new(value);

    public T Or(T fallback) => _isGiven ? _value : fallback;
}
