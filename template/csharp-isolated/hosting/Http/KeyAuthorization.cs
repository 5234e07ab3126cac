using System.Security.Claims;

namespace OpenFaaS.Functions.Worker.Http;

/// <summary>The outcome of checking a call's key against a function's authorization level.</summary>
internal sealed record KeyAuthorization(bool Allowed, IReadOnlyList<ClaimsIdentity> Identities)
{
    public static readonly KeyAuthorization Denied = new(false, []);

    public static readonly KeyAuthorization Anonymous = new(true, []);

    /// <summary>An allowed call, with the identity Azure Functions gives key-authenticated calls.</summary>
    public static KeyAuthorization WithKey(string level, string keyName) => new(true,
    [
        new ClaimsIdentity(
            [
                new Claim("http://schemas.microsoft.com/2017/07/functions/claims/authlevel", level),
                new Claim("http://schemas.microsoft.com/2017/07/functions/claims/keyid", keyName),
            ],
            "WebJobsAuthLevel"),
    ]);
}
