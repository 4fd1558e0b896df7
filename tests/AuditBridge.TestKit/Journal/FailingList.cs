using System.Collections;

namespace AuditBridge.TestKit.Journal;

/// <summary>
/// A list that throws when item <c>failAt</c> is read: a page whose events run out half-way, to prove an append
/// stores nothing of a page it could not finish. Works whether the journal indexes or enumerates.
/// </summary>
public sealed class FailingList<T>(IReadOnlyList<T> items, int failAt) : IReadOnlyList<T>
{
    public int Count => items.Count;

    public T this[int index] => index == failAt ? throw new InvalidOperationException($"Item {index} cannot be read (test failure).") : items[index];

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
