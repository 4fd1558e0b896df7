using System.Runtime.CompilerServices;

namespace AuditBridge.Formats.KeyValue;

/// <summary>Stack storage for the fields of one record, so formatting does not allocate.</summary>
[InlineArray(Capacity)]
internal struct KeyValueFieldBuffer
{
    /// <summary>
    /// The CEF layouts need 33 at most; LEEF needs 19 plus one per section. A record that needs more gets a heap array
    /// (<see cref="IKeyValueLayout{TKey}.MaxFields"/>).
    /// </summary>
    public const int Capacity = 36;

    private KeyValueField _element;
}
