namespace ImageCacheFunctions.Eci.Models;

/// <summary>An ACR Enterprise Edition instance to pull from without a password (<c>AcrRegistryInfo.N.*</c>).</summary>
/// <param name="InstanceId">ACR instance ID.</param>
/// <param name="InstanceName">ACR instance name.</param>
/// <param name="RegionId">Region of the ACR instance.</param>
/// <param name="Domains">Domain names of the instance (<c>AcrRegistryInfo.N.Domain.M</c>); all of them when omitted.</param>
/// <param name="ArnService">RAM role ARN in the account that owns the ECI resources (CreateImageCache only).</param>
/// <param name="ArnUser">RAM role ARN in the account that owns the ACR instance, for cross-account pulls (CreateImageCache only).</param>
public sealed record AcrRegistryInfo(
    string? InstanceId,
    string? InstanceName = null,
    string? RegionId = null,
    IReadOnlyList<string>? Domains = null,
    string? ArnService = null,
    string? ArnUser = null);
