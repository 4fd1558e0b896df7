using System.Runtime.CompilerServices;

namespace AuditBridge.Formats.Cef;

/// <summary>Stack storage for the fields of one record (the largest layout has 33), so formatting does not allocate.</summary>
[InlineArray(Capacity)]
internal struct CefFieldBuffer
{
    /// <summary>More than any layout needs: 2 header fields, 31 extension fields at most.</summary>
    public const int Capacity = 36;

    private CefField _element;
}
