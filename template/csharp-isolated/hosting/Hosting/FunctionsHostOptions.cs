using System.Reflection;

namespace OpenFaaS.Functions.Worker.Hosting;

/// <summary>Options of the OpenFaaS host that have no environment variable.</summary>
public sealed class FunctionsHostOptions
{
    /// <summary>
    /// Assemblies searched for <c>[Function]</c> methods. Empty (the default) means the entry
    /// assembly, as in Azure Functions; set it when hosting functions from another assembly,
    /// for example in a test process.
    /// </summary>
    public IList<Assembly> FunctionAssemblies { get; } = [];
}
