namespace ImageCacheFunctions.LocalGateway.Functions;

/// <summary>The functions the gateway serves, by name, in stack.yml order.</summary>
internal sealed class RunningFunctions
{
    /// <summary>OpenFaaS's default function namespace; `name.openfaas-fn` addresses the same function.</summary>
    public const string Namespace = "openfaas-fn";

    private readonly Dictionary<string, FunctionSupervisor> _byName;

    public RunningFunctions(IEnumerable<FunctionSupervisor> supervisors)
    {
        All = supervisors.ToList();
        _byName = All.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<FunctionSupervisor> All { get; }

    public FunctionSupervisor? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var suffix = "." + Namespace;
        if (name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name = name[..^suffix.Length];
        }

        return _byName.GetValueOrDefault(name);
    }
}
