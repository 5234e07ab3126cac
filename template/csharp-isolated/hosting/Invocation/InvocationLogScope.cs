using System.Collections;

namespace OpenFaaS.Functions.Worker.Invocation;

/// <summary>
/// The logging scope of one invocation: every log line written while it runs, by the host or
/// by function code, carries the function name and the invocation id.
/// </summary>
internal sealed class InvocationLogScope(string functionName, string invocationId)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values =
    [
        new("FunctionName", functionName),
        new("InvocationId", invocationId),
    ];

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"Function {functionName} invocation {invocationId}";
}
