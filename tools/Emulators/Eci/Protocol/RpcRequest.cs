namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>A request as received: method, decoded query and form parameters, headers and body.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path.</param>
/// <param name="Query">Decoded query parameters, in order.</param>
/// <param name="Form">Decoded form-body parameters, in order.</param>
/// <param name="Headers">Headers, names lower-cased.</param>
/// <param name="Body">Raw body.</param>
public sealed record RpcRequest(
    string Method,
    string Path,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    /// <summary>Query and form parameters together, later values winning on duplicates.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; } =
        Query.Concat(Form).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal);

    /// <summary>A header value, or null.</summary>
    /// <param name="name">Lower-case header name.</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;

    /// <summary>A parameter value, or null when absent.</summary>
    /// <param name="name">Parameter name.</param>
    /// <returns>The value.</returns>
    public string? Parameter(string name) => Parameters.TryGetValue(name, out var v) ? v : null;
}
