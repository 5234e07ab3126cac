using System.Globalization;
using System.Security.Cryptography;

namespace ImageCacheFunctions.Emulators.Eci.Protocol;

/// <summary>
/// Checks a request the way the ECI gateway does: signature (V3 or V2), AccessKey, STS token,
/// timestamp window and nonce reuse. AssumeRoleWithOIDC is anonymous, as at STS.
/// </summary>
internal sealed class RequestAuthenticator(KeyRegistry keys, NonceLedger nonces, TimeProvider clock, TimeSpan tolerance)
{
    public const string AnonymousAction = "AssumeRoleWithOIDC";

    public (CallIdentity Identity, EmulatorError? Error) Authenticate(RpcRequest request)
    {
        string? authorization = request.Header("authorization");
        if (authorization?.StartsWith("ACS3-HMAC-SHA256 ", StringComparison.Ordinal) == true)
        {
            return AuthenticateV3(request, authorization);
        }

        if (request.Parameter("Signature") is not null)
        {
            return AuthenticateV2(request);
        }

        var anonymous = new CallIdentity(request.Parameter("Action") ?? request.Header("x-acs-action") ?? string.Empty, request.Parameter("Version"), "none", null, null, request.Parameter("Timestamp"), false);
        return anonymous.Action == AnonymousAction ? (anonymous, null) : (anonymous, EmulatorError.IncompleteSignature);
    }

    private (CallIdentity, EmulatorError?) AuthenticateV2(RpcRequest request)
    {
        var p = request.Parameters;
        string? token = request.Parameter("SecurityToken");
        var identity = new CallIdentity(
            request.Parameter("Action") ?? string.Empty, request.Parameter("Version"), "HMAC-SHA1",
            request.Parameter("AccessKeyId"), request.Parameter("SignatureNonce"), request.Parameter("Timestamp"), token is not null);
        foreach (string required in new[] { "Action", "Version", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "Signature" })
        {
            if (string.IsNullOrEmpty(request.Parameter(required)))
            {
                return (identity, EmulatorError.Missing(required));
            }
        }

        if (p["SignatureMethod"] != "HMAC-SHA1" || p["SignatureVersion"] != "1.0")
        {
            return (identity, EmulatorError.Invalid("SignatureMethod", "only HMAC-SHA1 with SignatureVersion 1.0 is supported."));
        }

        var error = CheckKeyAndTime(identity.AccessKeyId!, token, identity.Timestamp!, out string secret);
        if (error is not null)
        {
            return (identity, error);
        }

        var signed = request.Query.Concat(request.Form).Where(kv => kv.Key != "Signature");
        string expected = SignatureMath.V2Signature(request.Method.ToUpperInvariant(), signed, secret);
        if (!SignatureMath.SameText(expected, p["Signature"]))
        {
            return (identity, EmulatorError.SignatureDoesNotMatch);
        }

        return (identity, nonces.TryUse(identity.AccessKeyId!, identity.Nonce!, clock.GetUtcNow()) ? null : EmulatorError.NonceUsed);
    }

    private (CallIdentity, EmulatorError?) AuthenticateV3(RpcRequest request, string authorization)
    {
        string? token = request.Header("x-acs-security-token");
        var fields = authorization["ACS3-HMAC-SHA256 ".Length..]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2))
            .Where(f => f.Length == 2)
            .GroupBy(f => f[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        fields.TryGetValue("Credential", out string? accessKeyId);
        var identity = new CallIdentity(
            request.Header("x-acs-action") ?? string.Empty, request.Header("x-acs-version"), "ACS3-HMAC-SHA256",
            accessKeyId, request.Header("x-acs-signature-nonce"), request.Header("x-acs-date"), token is not null);
        if (string.IsNullOrEmpty(accessKeyId) || !fields.TryGetValue("SignedHeaders", out string? signedHeaderNames) || !fields.TryGetValue("Signature", out string? signature))
        {
            return (identity, EmulatorError.IncompleteSignature);
        }

        foreach (string required in new[] { "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256" })
        {
            if (string.IsNullOrEmpty(request.Header(required)))
            {
                return (identity, EmulatorError.Missing(required));
            }
        }

        var names = signedHeaderNames.Split(';', StringSplitOptions.RemoveEmptyEntries);
        bool coversRequired = new[] { "host", "x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256" }.All(names.Contains)
            && (token is null || names.Contains("x-acs-security-token"));
        if (!coversRequired || !names.SequenceEqual(names.Order(StringComparer.Ordinal)))
        {
            return (identity, EmulatorError.IncompleteSignature);
        }

        var error = CheckKeyAndTime(accessKeyId, token, identity.Timestamp!, out string secret);
        if (error is not null)
        {
            return (identity, error);
        }

        string bodyHash = Convert.ToHexString(SHA256.HashData(request.Body)).ToLowerInvariant();
        if (!string.Equals(bodyHash, request.Header("x-acs-content-sha256"), StringComparison.OrdinalIgnoreCase))
        {
            return (identity, EmulatorError.SignatureDoesNotMatch);
        }

        var headers = names.Select(n => (n, request.Header(n) ?? string.Empty)).ToList();

        // The canonical query covers the query string only; a form body is covered by the payload hash.
        string expected = SignatureMath.V3Signature(request.Method.ToUpperInvariant(), request.Path, request.Query, headers, request.Header("x-acs-content-sha256")!, secret);
        if (!SignatureMath.SameText(expected, signature))
        {
            return (identity, EmulatorError.SignatureDoesNotMatch);
        }

        return (identity, nonces.TryUse(accessKeyId, identity.Nonce!, clock.GetUtcNow()) ? null : EmulatorError.NonceUsed);
    }

    private EmulatorError? CheckKeyAndTime(string accessKeyId, string? token, string timestamp, out string secret)
    {
        if (!keys.TryGet(accessKeyId, out secret, out var temporary))
        {
            return EmulatorError.AccessKeyNotFound;
        }

        var now = clock.GetUtcNow();
        if (temporary is not null)
        {
            if (string.IsNullOrEmpty(token))
            {
                return EmulatorError.MissingSecurityToken;
            }

            if (!SignatureMath.SameText(token, temporary.SecurityToken))
            {
                return EmulatorError.SecurityTokenMismatch;
            }

            if (temporary.Expiration <= now)
            {
                return EmulatorError.SecurityTokenExpired;
            }
        }

        if (!DateTimeOffset.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var sent))
        {
            return EmulatorError.TimestampFormat;
        }

        // The emulated clock can be advanced by days to age caches while clients sign with the wall
        // clock: a timestamp within tolerance of either is on time (ECI itself checks real time).
        var offEmulated = (sent - now).Duration();
        var offWall = (sent - TimeProvider.System.GetUtcNow()).Duration();
        return offEmulated > tolerance && offWall > tolerance ? EmulatorError.TimestampExpired : null;
    }
}
