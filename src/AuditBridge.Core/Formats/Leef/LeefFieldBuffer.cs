using System.Runtime.CompilerServices;

namespace AuditBridge.Formats.Leef;

/// <summary>Stack storage for the fields of one record, so formatting does not allocate.</summary>
[InlineArray(Capacity)]
internal struct LeefFieldBuffer
{
    /// <summary>The fixed fields plus 16 sections; an event with more sections gets a heap array.</summary>
    public const int Capacity = FixedFields + 16;

    /// <summary>Fields that are not sections: the event id header field and 17 attributes.</summary>
    public const int FixedFields = 18;

    private LeefField _element;
}
