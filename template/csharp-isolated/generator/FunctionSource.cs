using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace OpenFaaS.Functions.Worker.Generators;

/// <summary>
/// One <c>[Function]</c> method as a C# expression creating its <c>GeneratedFunction</c>: what the
/// host used to read by reflection (the attributes as instances, parameter and return types),
/// and the call itself, typed. The rules (which binding goes where) stay in the host's catalog.
/// </summary>
internal static class FunctionSource
{
    public const string FunctionAttribute = "Microsoft.Azure.Functions.Worker.FunctionAttribute";

    private const string Metadata = "global::OpenFaaS.Functions.Worker.Metadata.";
    private const string BindingAttribute = "Microsoft.Azure.Functions.Worker.Extensions.Abstractions.BindingAttribute";
    private const string OutputBindingAttribute = "Microsoft.Azure.Functions.Worker.Extensions.Abstractions.OutputBindingAttribute";
    private const string RetryAttribute = "Microsoft.Azure.Functions.Worker.RetryAttribute";
    private const string FromBodyAttribute = "Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute";
    private const string HttpResponseData = "Microsoft.Azure.Functions.Worker.Http.HttpResponseData";

    /// <summary>Null for a method the host never looked at: not public, or not in a non-generic class.</summary>
    public static string? Describe(IMethodSymbol method, AttributeData function)
    {
        var type = method.ContainingType;
        if (method.DeclaredAccessibility != Accessibility.Public || method.MethodKind != MethodKind.Ordinary
            || type.TypeKind != TypeKind.Class || Outward(type).Any(t => t.IsGenericType))
        {
            return null;
        }

        var name = function.ConstructorArguments.Length > 0 && function.ConstructorArguments[0].Value is string n ? n : string.Empty;
        var text = new StringBuilder();
        text.Append("                new ").Append(Metadata).Append("GeneratedFunction\n                {\n");
        text.Append("                    Name = ").Append(AttributeSource.Literal(name)).Append(",\n");
        text.Append("                    EntryPoint = ").Append(AttributeSource.Literal(EntryPoint(method))).Append(",\n");

        var problem = ProblemOf(method);
        if (problem is not null)
        {
            text.Append("                    Problem = ").Append(AttributeSource.Literal(problem)).Append(",\n                }");
            return text.ToString();
        }

        var attributes = method.GetAttributes().Where(a => DerivesFrom(a.AttributeClass, OutputBindingAttribute) || DerivesFrom(a.AttributeClass, RetryAttribute))
            .Concat(method.GetReturnTypeAttributes().Where(a => DerivesFrom(a.AttributeClass, OutputBindingAttribute)));
        text.Append("                    Attributes = ").Append(AttributeSource.List(attributes)).Append(",\n");

        text.Append("                    Parameters = new ").Append(Metadata).Append("GeneratedParameter[]\n                    {\n");
        foreach (var parameter in method.Parameters)
        {
            text.Append(Parameter(parameter)).Append(",\n");
        }

        text.Append("                    },\n");

        var (awaited, returned) = Awaited(method.ReturnType);
        if (returned is not null)
        {
            text.Append("                    ReturnType = typeof(").Append(Name(returned)).Append("),\n");
            text.Append("                    ReturnProperties = new ").Append(Metadata).Append("GeneratedOutputProperty[]\n                    {\n");
            foreach (var property in OutputProperties(returned))
            {
                text.Append(property).Append(",\n");
            }

            text.Append("                    },\n");
        }

        if (!method.IsStatic)
        {
            text.Append("                    Create = static services => global::Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<")
                .Append(Name(type)).Append(">(services),\n");
        }

        text.Append("                    Invoke = ").Append(Invoke(method, awaited, returned)).Append(",\n                }");
        return text.ToString();
    }

    /// <summary>What the host cannot call, in its words ("function 'x' (Type.Method) is generic.").</summary>
    private static string? ProblemOf(IMethodSymbol method)
    {
        if (method.IsGenericMethod)
        {
            return "is generic";
        }

        if (!method.IsStatic && method.ContainingType.IsAbstract)
        {
            return "is an instance method of an abstract class";
        }

        if (Outward(method.ContainingType).Any(t => t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal))
        {
            return "is declared in a private or protected class; make the class public";
        }

        if (method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out || p.Type.IsRefLikeType || p.Type.TypeKind == TypeKind.Pointer))
        {
            return "has a ref, out, pointer or ref struct parameter";
        }

        return null;
    }

    private static string Parameter(IParameterSymbol parameter)
    {
        var type = Name(parameter.Type);
        var attributes = parameter.GetAttributes().Where(a => DerivesFrom(a.AttributeClass, BindingAttribute) || DerivesFrom(a.AttributeClass, FromBodyAttribute));
        var text = new StringBuilder();
        text.Append("                        new ").Append(Metadata).Append("GeneratedParameter\n                        {\n");
        text.Append("                            Name = ").Append(AttributeSource.Literal(parameter.Name)).Append(",\n");
        text.Append("                            Type = typeof(").Append(type).Append("),\n");
        text.Append("                            Attributes = ").Append(AttributeSource.List(attributes)).Append(",\n");
        if (parameter.HasExplicitDefaultValue)
        {
            text.Append("                            HasDefaultValue = true,\n");
        }

        text.Append("                            DefaultValue = ").Append(
            parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is { } value
                ? $"(object?)({type})({AttributeSource.Primitive(value)})"
                : $"(object?)default({type})").Append(",\n");
        if (Parse(parameter.Type) is { } parse)
        {
            text.Append("                            Parse = static text => ").Append(parse).Append(",\n");
        }

        text.Append("                        }");
        return text.ToString();
    }

    /// <summary>
    /// How a route or query string converts to the parameter's type (invariant culture, enums by
    /// name ignoring case), for a string or a value type that parses; null for anything else.
    /// </summary>
    private static string? Parse(ITypeSymbol type)
    {
        var underlying = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
        if (underlying.SpecialType == SpecialType.System_String)
        {
            return "(object?)text";
        }

        if (!underlying.IsValueType)
        {
            return null;
        }

        if (underlying.TypeKind == TypeKind.Enum)
        {
            return $"(object?)global::System.Enum.Parse<{Name(underlying)}>(text, true)";
        }

        if (underlying.SpecialType == SpecialType.System_Boolean)
        {
            return "(object?)global::System.Boolean.Parse(text)";
        }

        var parsable = underlying.AllInterfaces.Any(i => FullName(i) == "System.IParsable" && i.TypeArguments.Length == 1
            && SymbolEqualityComparer.Default.Equals(i.TypeArguments[0], underlying));
        return parsable ? $"(object?){Metadata}GeneratedFunctions.Parse<{Name(underlying)}>(text)" : null;
    }

    /// <summary>The type the call yields once awaited (null: nothing), and whether it is awaited.</summary>
    private static (bool Awaited, ITypeSymbol? Returned) Awaited(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Void)
        {
            return (false, null);
        }

        if (type is not INamedTypeSymbol named)
        {
            return (false, type);
        }

        return (FullName(named), named.TypeArguments.Length) switch
        {
            ("System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask", 0) => (true, null),
            ("System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask", 1) => (true, named.TypeArguments[0]),
            _ => (false, type),
        };
    }

    private static string Invoke(IMethodSymbol method, bool awaited, ITypeSymbol? returned)
    {
        var target = method.IsStatic ? Name(method.ContainingType) : $"(({Name(method.ContainingType)})instance!)";
        var arguments = string.Join(", ", method.Parameters.Select((p, i) => $"({Name(p.Type)})args[{i}]!"));
        var call = $"{target}.{Escape(method.Name)}({arguments})";
        return (awaited, returned) switch
        {
            (false, null) => $"static (instance, args) => {{ {call}; return default; }}",
            (true, null) => $"static async (instance, args) => {{ await {call}.ConfigureAwait(false); return null; }}",
            (true, _) => $"static async (instance, args) => (object?)await {call}.ConfigureAwait(false)",
            _ => $"static (instance, args) => new global::System.Threading.Tasks.ValueTask<object?>((object?){call})",
        };
    }

    /// <summary>The return type's public properties the Worker SDK treats as outputs: with an output binding attribute, or an HttpResponseData.</summary>
    private static IEnumerable<string> OutputProperties(ITypeSymbol returned)
    {
        if (returned is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct) || named.SpecialType != SpecialType.None
            || Outward(named).Any(t => t.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal))
        {
            yield break;
        }

        var seen = new HashSet<string>();
        for (var type = named; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public
                    || property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } || !seen.Add(property.Name))
                {
                    continue;
                }

                var attribute = property.GetAttributes().FirstOrDefault(a => DerivesFrom(a.AttributeClass, OutputBindingAttribute));
                if (attribute is null && !DerivesFrom(property.Type as INamedTypeSymbol, HttpResponseData))
                {
                    continue;
                }

                yield return $"                        new {Metadata}GeneratedOutputProperty {{ Name = {AttributeSource.Literal(property.Name)}, Type = typeof({Name(property.Type)}), "
                    + $"Attribute = {(attribute is null ? "null" : AttributeSource.New(attribute))}, Get = static result => (({Name(named)})result).{Escape(property.Name)} }}";
            }
        }
    }

    /// <summary>As reflection names it: <c>Namespace.Outer+Inner.Method</c>.</summary>
    private static string EntryPoint(IMethodSymbol method)
    {
        var types = string.Join("+", Outward(method.ContainingType).Reverse().Select(t => t.MetadataName));
        var space = method.ContainingType.ContainingNamespace;
        return (space is null || space.IsGlobalNamespace ? string.Empty : space.ToDisplayString() + ".") + types + "." + method.Name;
    }

    private static IEnumerable<INamedTypeSymbol> Outward(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            yield return current;
        }
    }

    internal static bool DerivesFrom(INamedTypeSymbol? type, string fullName)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (FullName(current) == fullName)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Namespace.Type</c> of a non-nested type, without nullable annotations or type arguments.</summary>
    private static string FullName(INamedTypeSymbol type) =>
        type.ContainingNamespace is { IsGlobalNamespace: false } space ? space.ToDisplayString() + "." + type.Name : type.Name;

    internal static string Name(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string Escape(string identifier) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(identifier) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + identifier : identifier;
}
