namespace DepResolve.Engine.Analysis.PowerShell.Facts;

/// <summary>
/// Everything the PowerShell AST reader extracted from one file (or one piece of script text), as plain data.
/// The engine decides what is a dependency; the reader only reports what is written.
/// </summary>
public sealed class ScriptFacts
{
    /// <summary>The file the facts come from, or null for script text given directly.</summary>
    public string? FilePath { get; init; }

    public RequiresFacts? Requires { get; set; }

    public List<UsingFact> Usings { get; } = new();

    public List<CommandFact> Commands { get; } = new();

    public List<TypeReferenceFact> TypeReferences { get; } = new();

    public List<StaticMethodCallFact> StaticMethodCalls { get; } = new();

    public List<AssignmentFact> Assignments { get; } = new();

    public List<CommentFact> Comments { get; } = new();

    public List<ParseErrorFact> ParseErrors { get; } = new();

    /// <summary>Functions, filters and workflows the file defines (names without scope prefix).</summary>
    public HashSet<string> DefinedFunctions { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Classes and enums the file defines.</summary>
    public HashSet<string> DefinedTypes { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>For a module manifest (.psd1): its top-level hashtable.</summary>
    public StaticValue? Manifest { get; set; }
}

/// <summary>What <c>#Requires</c> asked for (from ScriptBlockAst.ScriptRequirements); positions come from <see cref="ScriptFacts.Comments"/>.</summary>
public sealed class RequiresFacts
{
    public List<RequiredModuleFact> Modules { get; } = new();

    public string? PowerShellVersion { get; set; }

    public List<string> PSEditions { get; } = new();

    public List<string> Assemblies { get; } = new();
}

/// <summary>One ModuleSpecification from <c>#Requires -Modules</c>.</summary>
public sealed class RequiredModuleFact
{
    public string Name { get; init; } = "";

    public string? ModuleVersion { get; init; }

    public string? RequiredVersion { get; init; }

    public string? MaximumVersion { get; init; }

    public string? Guid { get; init; }
}

public enum UsingKind
{
    Module,
    Assembly,
    Namespace,
}

/// <summary>A <c>using module|assembly|namespace</c> statement.</summary>
public sealed class UsingFact
{
    public UsingKind Kind { get; init; }

    /// <summary>The name or path; empty when the module is given as a hashtable.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>using module @{ ModuleName = ...; ModuleVersion = ... }</c>.</summary>
    public StaticValue? ModuleSpecification { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    public int EndLine { get; init; }
}

public enum TypeReferenceKind
{
    /// <summary><c>[Foo.Bar]::Member</c> or <c>[Foo.Bar]</c> as a value.</summary>
    TypeExpression,

    /// <summary><c>[Foo.Bar]$x</c> or a parameter type.</summary>
    TypeConstraint,

    /// <summary><c>[Foo.Bar()]</c> attribute.</summary>
    Attribute,
}

/// <summary>A .NET type name written in the script (generic arguments and array element types are separate facts).</summary>
public sealed class TypeReferenceFact
{
    public string TypeName { get; init; } = "";

    public TypeReferenceKind Kind { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }

    public IReadOnlyList<GuardFact> Guards { get; init; } = Array.Empty<GuardFact>();
}

/// <summary><c>[Type]::Method(args)</c>.</summary>
public sealed class StaticMethodCallFact
{
    public string TypeName { get; init; } = "";

    public string MethodName { get; init; } = "";

    public IReadOnlyList<StaticValue> Arguments { get; init; } = Array.Empty<StaticValue>();

    public int Line { get; init; }

    public int Column { get; init; }

    public IReadOnlyList<GuardFact> Guards { get; init; } = Array.Empty<GuardFact>();
}

/// <summary>
/// A write to a variable: <c>$x = value</c> (Operator "="), <c>$x += ...</c>, a foreach variable or a parameter
/// (Operator "other"). A variable written exactly once with "=" to a constant is a constant.
/// </summary>
public sealed class AssignmentFact
{
    public string VariableName { get; init; } = "";

    public string Operator { get; init; } = "=";

    public StaticValue? Value { get; init; }

    public int Line { get; init; }
}

/// <summary>A comment token (line comment or block comment) with where it starts.</summary>
public sealed class CommentFact
{
    public string Text { get; init; } = "";

    public int Line { get; init; }

    public int Column { get; init; }
}

/// <summary>A parse error the parser reported.</summary>
public sealed class ParseErrorFact
{
    public string Message { get; init; } = "";

    public int Line { get; init; }

    public int Column { get; init; }
}
