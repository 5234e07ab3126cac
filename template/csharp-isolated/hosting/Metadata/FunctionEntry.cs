using System.Collections.Immutable;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;

namespace OpenFaaS.Functions.Worker.Metadata;

/// <summary>One <c>[Function]</c> method found in the function assembly, with how to call it.</summary>
internal sealed class FunctionEntry : FunctionDefinition
{
    public FunctionEntry(
        string name,
        MethodInfo method,
        HttpTriggerAttribute? httpTrigger,
        TimerTriggerAttribute? timerTrigger,
        IReadOnlyList<FunctionParameterBinding> bindings,
        ResultShape resultShape,
        PropertyInfo? httpResultProperty)
    {
        Name = name;
        Method = method;
        HttpTrigger = httpTrigger;
        TimerTrigger = timerTrigger;
        Bindings = bindings;
        ResultShape = resultShape;
        HttpResultProperty = httpResultProperty;
        Id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..16];
        EntryPoint = $"{method.DeclaringType!.FullName}.{method.Name}";
        PathToAssembly = method.DeclaringType.Assembly.Location;
        Parameters = [.. method.GetParameters().Select(p => new FunctionParameter(p.Name ?? string.Empty, p.ParameterType))];

        var trigger = bindings.FirstOrDefault(b => b.Source is ParameterSource.HttpRequest or ParameterSource.TimerInfo);
        var inputs = ImmutableDictionary.CreateBuilder<string, BindingMetadata>();
        if (trigger is not null)
        {
            inputs[trigger.Name] = new HostBindingMetadata(trigger.Name, httpTrigger is not null ? "httpTrigger" : "timerTrigger", BindingDirection.In);
        }

        InputBindings = inputs.ToImmutable();
        OutputBindings = httpTrigger is null
            ? ImmutableDictionary<string, BindingMetadata>.Empty
            : ImmutableDictionary<string, BindingMetadata>.Empty.Add("$return", new HostBindingMetadata("$return", "http", BindingDirection.Out));
    }

    public MethodInfo Method { get; }

    public HttpTriggerAttribute? HttpTrigger { get; }

    public TimerTriggerAttribute? TimerTrigger { get; }

    public IReadOnlyList<FunctionParameterBinding> Bindings { get; }

    public ResultShape ResultShape { get; }

    public PropertyInfo? HttpResultProperty { get; }

    public override ImmutableArray<FunctionParameter> Parameters { get; }

    public override string PathToAssembly { get; }

    public override string EntryPoint { get; }

    public override string Id { get; }

    public override string Name { get; }

    public override IImmutableDictionary<string, BindingMetadata> InputBindings { get; }

    public override IImmutableDictionary<string, BindingMetadata> OutputBindings { get; }
}
