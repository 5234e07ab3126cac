namespace ImageCacheFunctions.Emulators.Eci.Calls;

/// <summary>One call the emulator received, secrets removed (passwords, tokens and signatures are not kept).</summary>
/// <param name="Time">When it arrived (emulator clock).</param>
/// <param name="Action">The operation.</param>
/// <param name="SignatureMethod"><c>ACS3-HMAC-SHA256</c>, <c>HMAC-SHA1</c> or <c>none</c>.</param>
/// <param name="AccessKeyId">The key named in the request.</param>
/// <param name="SecurityTokenPresent">Whether an STS token came with it.</param>
/// <param name="Nonce">The signature nonce.</param>
/// <param name="Timestamp">The request timestamp as sent.</param>
/// <param name="Parameters">Operation parameters (secret values replaced by <c>***</c>).</param>
/// <param name="StatusCode">HTTP status answered.</param>
/// <param name="ErrorCode">Error code answered, or null on success.</param>
public sealed record EmulatorCall(
    DateTimeOffset Time,
    string Action,
    string SignatureMethod,
    string? AccessKeyId,
    bool SecurityTokenPresent,
    string? Nonce,
    string? Timestamp,
    IReadOnlyDictionary<string, string> Parameters,
    int StatusCode,
    string? ErrorCode);
