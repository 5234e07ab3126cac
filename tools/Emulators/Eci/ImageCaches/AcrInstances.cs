namespace ImageCacheFunctions.Emulators.Eci.ImageCaches;

/// <summary>
/// ACR Enterprise Edition instances the emulated account owns: their domains are private, and a
/// cache created with <c>AcrRegistryInfo</c> naming the instance pulls from them without
/// credentials (CreateImageCache: "By default, all domain names of the instance" are used).
/// </summary>
internal sealed class AcrInstances(PullRules rules)
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Region, string Id), string[]> _instances = [];

    public void Add(string regionId, string instanceId, IReadOnlyList<string> domains)
    {
        lock (_gate)
        {
            _instances[(regionId, instanceId)] = domains.Select(d => d.ToLowerInvariant()).ToArray();
        }

        foreach (var domain in domains)
        {
            rules.SetPrivate(domain.ToLowerInvariant(), true);
        }
    }

    /// <summary>The registry hosts the request's <c>AcrRegistryInfo.N.*</c> let the build pull from without a password.</summary>
    public HashSet<string> Authorized(Protocol.ParameterReader p, string defaultRegion)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var entries = p.Objects("AcrRegistryInfo", "InstanceId", "InstanceName", "RegionId", "ArnService", "ArnUser");
        for (int i = 0; i < entries.Count; i++)
        {
            var listed = p.List($"AcrRegistryInfo.{i + 1}.Domain");
            if (!entries[i].TryGetValue("InstanceId", out var id) || string.IsNullOrEmpty(id))
            {
                throw new Protocol.EmulatorErrorException(Protocol.EmulatorError.Missing($"AcrRegistryInfo.{i + 1}.InstanceId"));
            }

            string region = entries[i].GetValueOrDefault("RegionId") ?? defaultRegion;
            string[] known;
            lock (_gate)
            {
                known = _instances.GetValueOrDefault((region, id)) ?? [];
            }

            // Listed domains must be the instance's; none listed means all of them.
            foreach (var domain in listed.Count > 0 ? listed.Where(d => known.Contains(d, StringComparer.OrdinalIgnoreCase)) : known)
            {
                hosts.Add(domain);
            }
        }

        return hosts;
    }
}
