using System.Net;

namespace ImageCacheFunctions.Eci;

/// <summary>Endpoint rules: the public and VPC host names, and when plain HTTP is acceptable.</summary>
public static class EciEndpoints
{
    /// <summary>The default STS endpoint used for RRSA (AssumeRoleWithOIDC).</summary>
    public static readonly Uri DefaultStsEndpoint = new("https://sts.aliyuncs.com/");

    /// <summary>The endpoint for a region: <c>https://eci.&lt;region&gt;.aliyuncs.com/</c> or, inside a VPC, <c>https://eci-vpc.&lt;region&gt;.aliyuncs.com/</c>.</summary>
    /// <param name="regionId">The region, e.g. cn-hangzhou.</param>
    /// <param name="vpc">Use the VPC endpoint.</param>
    /// <returns>The endpoint URL.</returns>
    public static Uri ForRegion(string regionId, bool vpc = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(regionId);
        return new Uri($"https://{(vpc ? "eci-vpc" : "eci")}.{regionId}.aliyuncs.com/");
    }

    /// <summary>True for <c>localhost</c> and loopback addresses (127.0.0.0/8, ::1).</summary>
    /// <param name="uri">The endpoint.</param>
    /// <returns>Whether the host is on this machine.</returns>
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsLoopback
            || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }

    /// <summary>
    /// Returns why an endpoint must not be used, or null when it is fine: it must be absolute
    /// http(s), and plain HTTP is only for loopback unless explicitly allowed.
    /// </summary>
    /// <param name="uri">The endpoint.</param>
    /// <param name="allowInsecureHttp">Whether plain HTTP to another host was explicitly allowed.</param>
    /// <param name="what">What the endpoint is for, for the message.</param>
    /// <returns>An error message, or null.</returns>
    public static string? Check(Uri uri, bool allowInsecureHttp, string what)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return $"{what} '{uri}' must be an absolute http(s) URL.";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri) && !allowInsecureHttp)
        {
            return $"{what} '{uri.GetLeftPart(UriPartial.Authority)}' uses plain HTTP to a non-loopback host, which would send signed requests unencrypted. Use https, a loopback address, or set AllowInsecureHttp = true.";
        }

        return null;
    }
}
