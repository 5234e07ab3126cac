namespace ImageCacheFunctions.Eci.Models;

/// <summary>An ACR Enterprise Edition instance to pull from without a password (<c>AcrRegistryInfo.N.*</c>).</summary>
/// <param name="InstanceId">ACR instance ID.</param>
/// <param name="InstanceName">ACR instance name.</param>
/// <param name="RegionId">Region of the ACR instance.</param>
/// <param name="Domains">Domain names of the instance (<c>AcrRegistryInfo.N.Domain.M</c>).</param>
public sealed record AcrRegistryInfo(
    string? InstanceId,
    string? InstanceName = null,
    string? RegionId = null,
    IReadOnlyList<string>? Domains = null);
