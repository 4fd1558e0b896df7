using System.Collections;

namespace AuditBridge.Connectors.Tests.Journal.Sqlite;

/// <summary>
/// A list that calls <c>pause</c> when item <c>pauseAt</c> is read: the crash child hands one to an append as the
/// checkpoint's recent ids, which the append reads inside its transaction, so the pause (and the kill that ends it)
/// lands after the page's events were written and before its window was.
/// </summary>
internal sealed class PausingList<T>(IReadOnlyList<T> items, int pauseAt, Action pause) : IReadOnlyList<T>
{
    public int Count => items.Count;

    public T this[int index]
    {
        get
        {
            if (index == pauseAt)
            {
                pause();
            }

            return items[index];
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
