//! Enumerations written as stable codes (stored, sent in the API, read back): one declaration
//! gives the enum, its list of values, its code and its parsing, so that a code and its reading
//! cannot drift apart.

/// Declares an enum whose every variant has a stable code:
///
/// ```text
/// codes! { as_str;
///     /// Where a notice is delivered.
///     pub enum Channel {
///         Cabinet = "cabinet",
///         Sms = "sms",
///     }
/// }
/// ```
///
/// gives the enum (`Debug`, `Clone`, `Copy`, `PartialEq`, `Eq`, and what else it derives),
/// `Channel::ALL` (every value, in the order declared), `Channel::as_str` (the accessor is
/// named first: `as_str` or `code`) and `Channel::parse` (the value of a code; none for any other
/// text).
#[macro_export]
macro_rules! codes {
    ($accessor:ident;
     $(#[$meta:meta])*
     $vis:vis enum $name:ident {
         $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)?
     }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        $vis enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every value, in the order declared.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stable code of the value.
            pub fn $accessor(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The value of a code; none for any other text.
            pub fn parse(s: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.$accessor() == s)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    codes! { code;
        enum Sample {
            /// The first.
            First = "first",
            Second = "second_one",
        }
    }

    #[test]
    fn every_value_reads_back_from_its_code_and_no_other_text_reads() {
        assert_eq!(Sample::ALL, [Sample::First, Sample::Second]);
        for value in Sample::ALL {
            assert_eq!(Sample::parse(value.code()), Some(value));
        }
        assert_eq!(Sample::Second.code(), "second_one");
        assert_eq!(Sample::parse("Second"), None);
        assert_eq!(Sample::parse("second"), None);
        assert_eq!(Sample::parse(""), None);
    }
}
