using ImageCacheFunctions.Eci.Signing;

namespace ImageCacheFunctions.Eci;

/// <summary>Settings of an <see cref="EciClient"/> (bind from the <c>Eci</c> configuration section).</summary>
public sealed class EciClientOptions
{
    /// <summary>The region, e.g. <c>cn-hangzhou</c> (required). Sent as RegionId and used for the endpoint.</summary>
    public string RegionId { get; set; } = string.Empty;

    /// <summary>An explicit endpoint (emulator, proxy, private link). Overrides <see cref="UseVpcEndpoint"/>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Use <c>eci-vpc.&lt;region&gt;.aliyuncs.com</c> (from inside a VPC) instead of the public endpoint.</summary>
    public bool UseVpcEndpoint { get; set; }

    /// <summary>Allow plain HTTP to a non-loopback endpoint (normally refused).</summary>
    public bool AllowInsecureHttp { get; set; }

    /// <summary>How requests are signed; V3 (ACS3-HMAC-SHA256) by default.</summary>
    public EciSignatureMethod SignatureMethod { get; set; } = EciSignatureMethod.AcsV3HmacSha256;

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Timeout of a call including its retries.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries after the first attempt, for retryable errors of idempotent calls only.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);


    /// <summary>The endpoint requests go to.</summary>
    /// <returns>The explicit endpoint, else the regional (or VPC) one.</returns>
    public Uri ResolveEndpoint() => Endpoint ?? EciEndpoints.ForRegion(RegionId, UseVpcEndpoint);
}
