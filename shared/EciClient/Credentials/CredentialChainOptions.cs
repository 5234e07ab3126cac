namespace ImageCacheFunctions.Eci.Credentials;

/// <summary>Settings of the default credentials chain (explicit → environment → OpenFaaS secret files → RRSA).</summary>
public sealed class CredentialChainOptions
{
    /// <summary>Explicit AccessKey ID (first in the chain when set together with the secret).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Explicit AccessKey secret.</summary>
    public string? AccessKeySecret { get; set; }

    /// <summary>Explicit STS token for an explicit temporary AccessKey.</summary>
    public string? SecurityToken { get; set; }

    /// <summary>OpenFaaS secrets directory; <c>OPENFAAS_SECRETS_DIR</c>, else <c>/var/openfaas/secrets</c>, when null.</summary>
    public string? SecretsDirectory { get; set; }

    /// <summary>STS endpoint for RRSA's AssumeRoleWithOIDC (tests point it at the emulator's STS stub).</summary>
    public Uri StsEndpoint { get; set; } = EciEndpoints.DefaultStsEndpoint;

    /// <summary>Allow plain HTTP to a non-loopback STS endpoint (normally refused).</summary>
    public bool AllowInsecureStsHttp { get; set; }

    /// <summary>Lifetime asked for RRSA credentials, in seconds (STS accepts 900..43200).</summary>
    public int DurationSeconds { get; set; } = 3600;

    /// <summary>How long before expiry RRSA credentials are refreshed.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timeout of one STS call.</summary>
    public TimeSpan StsTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads environment variables; the process environment when null (tests inject their own).</summary>
    public Func<string, string?>? Environment { get; set; }
}
