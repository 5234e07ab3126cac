using System.Collections;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>
/// The logging scope of one HTTP call: OpenFaaS's X-Call-Id, so that every line logged while
/// serving the call (host and function code alike) can be joined with the gateway's logs.
/// </summary>
internal sealed class CallLogScope(string callId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? new("CallId", callId) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"Call {callId}";
}
