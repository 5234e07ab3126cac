namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// One HTTP request to the webhook, as plain data: whoever hosts the function copies the
/// method, query, headers and raw body in (the raw bytes matter: HMAC signatures cover them).
/// </summary>
/// <param name="Method">HTTP method (<c>POST</c>, <c>OPTIONS</c>…).</param>
/// <param name="Query">Query parameters (first value of each), case-sensitive names.</param>
/// <param name="Headers">Headers, looked up case-insensitively (repeated headers joined with ", ").</param>
/// <param name="Body">The raw body.</param>
public sealed record WebhookRequest(
    string Method,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body)
{
    /// <summary>Builds a request, copying headers into a case-insensitive dictionary.</summary>
    public static WebhookRequest Create(
        string method,
        IEnumerable<KeyValuePair<string, string>>? query,
        IEnumerable<KeyValuePair<string, string>>? headers,
        ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(method);
        var queryCopy = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in query ?? [])
        {
            queryCopy.TryAdd(name, value);
        }

        var headerCopy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers ?? [])
        {
            headerCopy[name] = headerCopy.TryGetValue(name, out var existing) ? $"{existing}, {value}" : value;
        }

        return new WebhookRequest(method, queryCopy, headerCopy, body);
    }

    /// <summary>The token-verifying authentications (<see cref="JwtAuthentication"/>) this request's bearer token passed.</summary>
    public IReadOnlySet<SourceAuthentication> VerifiedBy { get; init; } = new HashSet<SourceAuthentication>();

    /// <summary>A header's value, case-insensitively, or null.</summary>
    public string? Header(string name)
    {
        if (Headers.TryGetValue(name, out var value))
        {
            return value;
        }

        // Callers may pass a dictionary that is not case-insensitive.
        foreach (var (key, headerValue) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return headerValue;
            }
        }

        return null;
    }

    /// <summary>A query parameter's value, or null.</summary>
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    /// <summary>The Content-Type header, if any.</summary>
    public string? ContentType => Header("Content-Type");

    // Headers and query carry secrets (Authorization, ?token=): never print them.
    public override string ToString() => $"{Method} ({Body.Length} bytes, {Headers.Count} headers, {Query.Count} query parameters)";
}
