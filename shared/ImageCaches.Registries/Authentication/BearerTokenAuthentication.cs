using System.Text;

namespace ImageCacheFunctions.ImageCaches.Registries;

/// <summary>
/// The CloudEvents webhook spec's access token: <c>Authorization: Bearer &lt;token&gt;</c> or, as
/// the spec also requires a target to accept, <c>?access_token=&lt;token&gt;</c>.
/// </summary>
public sealed class BearerTokenAuthentication(Secret token) : SourceAuthentication
{
    public const string QueryParameter = "access_token";

    public override string Scheme => "bearer";

    public override bool IsAuthentic(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Header("Authorization")?.Trim();
        if (authorization is not null
            && authorization.Length > 7
            && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return token.Matches(Encoding.UTF8.GetBytes(authorization[7..].Trim()));
        }

        var presented = request.QueryValue(QueryParameter);
        return presented is not null && token.Matches(Encoding.UTF8.GetBytes(presented));
    }
}
