/*
 * The pipe query language of DESIGN.md "The language": an optional `from` prefix, a search, then
 * stages after `|`. Plain SQL never reaches this grammar (the parser routes it to Calcite), and an
 * SQL stage or a command's expression is kept as the tokens the user typed: Calcite parses those, so
 * SQL has one grammar in the project. The grammar holds no actions; the parser module builds the AST.
 */
parser grammar SiftQueryParser;

options { tokenVocab = SiftQueryLexer; }


query
    : (FROM storeName (COMMA storeName)*)? search? (PIPE stage)* EOF
    ;

storeName
    : WORD | PHRASE
    ;

// ---- search: `field:` binds tightest, then `not`, then `and` (also implicit), then `or`
search
    : orSearch
    ;

orSearch
    : andSearch (OR andSearch)*
    ;

andSearch
    : notSearch (AND? notSearch)*
    ;

notSearch
    : NOT notSearch                                         # negated
    | primarySearch                                         # plain
    ;

primarySearch
    : LPAREN orSearch RPAREN                                # grouped
    | field=searchWord COLON value=searchValue              # fieldMatch
    | field=searchWord op=(EQ | NE | LT | LE | GT | GE) value=searchValue  # comparison
    | field=searchWord IN LBRACK low=searchValue high=searchValue RBRACK    # range
    | STAR                                                  # matchAll
    | PHRASE                                                # phrase
    | searchWord                                            # term
    ;

searchWord
    : WORD | IN
    ;

searchValue
    : WORD | PHRASE | STAR | IN | FROM | AND | OR | NOT
    ;

// ---- stages
stage
    : S_SELECT stageToken*                                              # sqlStage
    | S_WHERE expr                                                      # whereStage
    | S_EXTEND assignment (S_COMMA assignment)*                         # extendStage
    | S_PROJECT projection (S_COMMA projection)*                        # projectStage
    | S_STATS aggregation (S_COMMA aggregation)* (S_BY expr (S_COMMA expr)*)?   # statsStage
    | S_SORT sortKey (S_COMMA sortKey)*                                 # sortStage
    | S_HEAD S_NUMBER?                                                  # headStage
    | S_TOP S_NUMBER expr (S_BY expr (S_COMMA expr)*)?                  # topStage
    | S_TIMECHART (S_SPAN S_EQ span=timechartSpan)? aggregation (S_COMMA aggregation)* (S_BY expr)?  # timechartStage
    | S_PARSE expr S_WITH parseMode                                     # parseStage
    | S_LOOKUP table=name S_ON expr                                     # lookupStage
    | S_PATTERNS field=fieldName? commandOption* (S_BY expr)? commandOptions?  # patternsStage
    | S_PATTERNDIFF (S_BEFORE before=boundExpr S_AFTER after=boundExpr | condition=expr) commandOptions?  # patterndiffStage
    | S_CONTEXT stageToken*                                             # contextStage
    | command=S_IDENT stageToken*                                        # otherStage
    ;

timechartSpan
    : S_NUMBER? name
    | S_STRING
    ;

parseMode
    : S_REGEX S_STRING                                                  # regexMode
    | name (S_LPAREN parseKey (S_COMMA parseKey)* S_RPAREN)?            # namedMode
    ;

// A key to extract, e.g. `user`, `http.status` or 'odd key': the parser module reads its text.
parseKey
    : ~(S_LPAREN | S_RPAREN | S_COMMA | PIPE)+
    ;

assignment
    : name S_EQ expr
    ;

// A field named by an analytics command (not a command word: `patterns with …` starts the options).
fieldName
    : S_IDENT | S_QUOTED_IDENT
    ;

// Options of an analytics command: `name=value`, before its arguments or after `with`.
commandOptions
    : S_WITH commandOption (S_COMMA? commandOption)*
    ;

commandOption
    : name S_EQ optionValue
    ;

optionValue
    : S_STRING | S_NUMBER | name
    ;

// An expression that ends before a top-level `after` or `with` (patterndiff before … after …).
boundExpr
    : boundToken+
    ;

boundToken
    : S_LPAREN stageToken* S_RPAREN
    | ~(S_LPAREN | S_RPAREN | S_AFTER | S_WITH | PIPE)
    ;

aggregation
    : expr (S_AS name)?
    ;

projection
    : expr (S_AS name)?
    ;

sortKey
    : expr (S_ASC | S_DESC)?
    ;

// An expression is the tokens up to the next top-level `,`, `by`, `as`, `asc`, `desc` or `|`;
// Calcite's expression parser reads them.
expr
    : exprToken+
    ;

exprToken
    : S_LPAREN stageToken* S_RPAREN
    | ~(S_LPAREN | S_RPAREN | S_COMMA | S_BY | S_AS | S_ASC | S_DESC | S_WITH | S_ON | PIPE)
    ;

stageToken
    : S_LPAREN stageToken* S_RPAREN
    | ~(S_LPAREN | S_RPAREN | PIPE)
    ;

// Command words are keywords only where a command starts; anywhere else they are names.
name
    : S_IDENT | S_QUOTED_IDENT
    | S_SELECT | S_WHERE | S_EXTEND | S_PROJECT | S_STATS | S_SORT | S_HEAD | S_TOP | S_TIMECHART
    | S_PARSE | S_LOOKUP | S_SPAN | S_REGEX | S_WITH | S_ON
    | S_PATTERNS | S_PATTERNDIFF | S_BEFORE | S_AFTER
    | S_CONTEXT
    ;

