using System.Text.RegularExpressions;
using ImageCacheFunctions.Emulators.Eci.ImageCaches;
using ImageCacheFunctions.Emulators.Eci.Protocol;

namespace ImageCacheFunctions.Emulators.Eci.Sts;

/// <summary>
/// A stub of STS AssumeRoleWithOIDC (anonymous, as at STS): checks the role and provider ARNs and the
/// token's shape, then issues temporary credentials that the ECI side of the emulator accepts
/// with their SecurityToken until they expire.
/// </summary>
internal sealed partial class StsStub(KeyRegistry keys, TimeProvider clock, Random random, string? acceptedToken)
{
    private readonly object _gate = new();

    public int IssuedCount { get; private set; }

    public object AssumeRoleWithOidc(ParameterReader p, string requestId)
    {
        string roleArn = p.Required("RoleArn");
        string providerArn = p.Required("OIDCProviderArn");
        string token = p.Required("OIDCToken");
        string session = p.Optional("RoleSessionName") ?? "session";
        int duration = p.Int("DurationSeconds", 900, 43200) ?? 3600;
        if (!RoleArnPattern().IsMatch(roleArn))
        {
            throw new EmulatorErrorException(EmulatorError.Invalid("RoleArn", "expected acs:ram::<account>:role/<name>."));
        }

        if (!ProviderArnPattern().IsMatch(providerArn))
        {
            throw new EmulatorErrorException(EmulatorError.Invalid("OIDCProviderArn", "expected acs:ram::<account>:oidc-provider/<name>."));
        }

        bool accepted = acceptedToken is null ? token.Split('.').Length == 3 : SignatureMath.SameText(token, acceptedToken);
        if (!accepted)
        {
            throw new EmulatorErrorException(new EmulatorError(System.Net.HttpStatusCode.BadRequest, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid."));
        }

        lock (_gate)
        {
            var expiration = clock.GetUtcNow().AddSeconds(duration);
            string id = "STS." + Random(24);
            string secret = Random(40);
            string securityToken = "CAIS" + Random(120);
            keys.AddTemporary(id, new TemporaryKey(secret, securityToken, expiration));
            IssuedCount++;
            return new
            {
                RequestId = requestId,
                OIDCTokenInfo = new { Subject = "system:serviceaccount:openfaas-fn:imagecache", Issuer = "https://oidc-ack.emulator", ClientIds = "sts.aliyuncs.com" },
                AssumedRoleUser = new { Arn = roleArn + "/" + session, AssumedRoleId = "3" + Random(17) + ":" + session },
                Credentials = new { SecurityToken = securityToken, Expiration = EmulatedImageCache.Format(expiration), AccessKeySecret = secret, AccessKeyId = id },
            };
        }
    }

    private string Random(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    [GeneratedRegex("^acs:ram::[0-9]+:role/.+$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex("^acs:ram::[0-9]+:oidc-provider/.+$", RegexOptions.CultureInvariant)]
    private static partial Regex ProviderArnPattern();
}
